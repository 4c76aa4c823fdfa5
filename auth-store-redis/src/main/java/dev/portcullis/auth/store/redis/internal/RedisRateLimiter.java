package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.store.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * {@link RateLimiter} on Redis: each bucket ({@code rl:{sha256(key)}}) is the instant it is full
 * again (GCRA), taken from by one Lua script, so concurrent acquisitions on any number of instances
 * get exactly the bucket's permits. Times are kept in microseconds. A full bucket's key vanishes.
 * Thread-safe.
 */
public final class RedisRateLimiter implements RateLimiter {
  static final String COMPONENT = "redis rate limiter";
  private static final String KIND = "rl";
  private static final Script ACQUIRE = Script.load("limiter-acquire");

  private final Redis redis;
  private final Clock clock;

  public RedisRateLimiter(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
    Args.key(key, "key");
    Objects.requireNonNull(rule, "rule");
    long interval = interval(rule);
    List<String> r =
        redis.eval(
            COMPONENT,
            ACQUIRE,
            redis.key(KIND, Redis.digest(key)),
            Redis.micros(clock.instant()),
            Long.toString(interval),
            Long.toString(burst(rule, interval)));
    if ("1".equals(r.get(0))) {
      return RateLimitDecision.allow(Integer.parseInt(r.get(1)));
    }
    return RateLimitDecision.deny(Duration.of(Long.parseLong(r.get(2)), ChronoUnit.MICROS));
  }

  @Override
  public RateLimitDecision peek(String key, RateLimitRule rule) {
    Args.key(key, "key");
    Objects.requireNonNull(rule, "rule");
    long interval = interval(rule);
    long burst = burst(rule, interval);
    long now = Long.parseLong(Redis.micros(clock.instant()));
    String stored = redis.get(COMPONENT, redis.key(KIND, Redis.digest(key)));
    long fullAt = stored == null ? now : Math.max(Long.parseLong(stored), now);
    long available = (burst - (fullAt - now)) / interval;
    if (available >= 1) {
      return RateLimitDecision.allow((int) available);
    }
    return RateLimitDecision.deny(Duration.of(fullAt + interval - burst - now, ChronoUnit.MICROS));
  }

  /** Microseconds per permit. */
  private static long interval(RateLimitRule rule) {
    Duration d = rule.refillInterval();
    return Math.max(1, d.getSeconds() * 1_000_000 + d.getNano() / 1000);
  }

  /** How far ahead of now a bucket's full instant may run; capped within Lua's exact integers. */
  private static long burst(RateLimitRule rule, long interval) {
    long limit = 1L << 50;
    return interval > limit / rule.permits() ? limit : interval * rule.permits();
  }
}
