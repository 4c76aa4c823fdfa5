package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.store.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Token buckets in a Caffeine cache, as the generic cell rate algorithm: a bucket is one instant,
 * its theoretical arrival time, before which it is not full. A bucket's entry lives until it is
 * full again, when a missing entry means the same thing. At {@code maxBuckets} the least valuable
 * buckets are evicted (Caffeine's frequency-based admission keeps the busy ones, which are the ones
 * being limited); an evicted bucket grants its key at most one fresh burst. A bucket holds no rule:
 * use one rule per key (name the operation in the key, as in {@code login:203.0.113.7}).
 * Thread-safe; each acquisition is one atomic compute.
 */
public final class MemoryRateLimiter implements RateLimiter {

  /** The tick at which the bucket is full again. */
  private record Bucket(long fullAt) {}

  private final ClockTicker ticker;
  private final Cache<String, Bucket> buckets;

  public MemoryRateLimiter(Clock clock, long maxBuckets) {
    this.ticker = new ClockTicker(clock);
    this.buckets =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumSize(maxBuckets)
            .expireAfter(
                new Expiry<String, Bucket>() {
                  @Override
                  public long expireAfterCreate(String key, Bucket b, long currentTime) {
                    return Math.max(0, b.fullAt() - currentTime);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Bucket b, long currentTime, long currentDuration) {
                    return Math.max(0, b.fullAt() - currentTime);
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Bucket b, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  @Override
  public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
    Args.key(key, "key");
    Objects.requireNonNull(rule, "rule");
    long interval = interval(rule);
    long burst = burst(rule, interval);
    long now = ticker.read();
    RateLimitDecision[] decision = new RateLimitDecision[1];
    buckets
        .asMap()
        .compute(
            key,
            (k, old) -> {
              long fullAt = old == null ? now : Math.max(old.fullAt(), now);
              long next = fullAt + interval;
              if (next - now > burst) {
                decision[0] = RateLimitDecision.deny(Duration.ofNanos(next - burst - now));
                return old;
              }
              decision[0] = RateLimitDecision.allow((int) ((burst - (next - now)) / interval));
              return new Bucket(next);
            });
    return decision[0];
  }

  @Override
  public RateLimitDecision peek(String key, RateLimitRule rule) {
    Args.key(key, "key");
    Objects.requireNonNull(rule, "rule");
    long interval = interval(rule);
    long burst = burst(rule, interval);
    long now = ticker.read();
    Bucket stored = buckets.getIfPresent(key);
    long fullAt = stored == null ? now : Math.max(stored.fullAt(), now);
    long available = (burst - (fullAt - now)) / interval;
    if (available >= 1) {
      return RateLimitDecision.allow((int) available);
    }
    return RateLimitDecision.deny(Duration.ofNanos(fullAt + interval - burst - now));
  }

  /** Nanoseconds per permit. */
  private static long interval(RateLimitRule rule) {
    return Math.max(1, ClockTicker.saturatedNanos(rule.refillInterval()));
  }

  /** How far ahead of now a bucket's fullAt may run: the bucket holds {@code permits} when full. */
  private static long burst(RateLimitRule rule, long interval) {
    return saturatedMultiply(interval, rule.permits());
  }

  private static long saturatedMultiply(long a, int b) {
    long limit = Long.MAX_VALUE / 8;
    return a > limit / b ? limit : a * b;
  }

  /** Buckets held now (those not full), after dropping the full ones. */
  public long size() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
