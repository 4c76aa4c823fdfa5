package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Instant;
import java.util.function.Function;

/**
 * Caffeine expiry for values that know until when they matter: each entry lives exactly until
 * {@code until.apply(value)} on the injected clock, recomputed on every write; reads do not extend
 * it.
 */
final class InstantExpiry<K, V> implements Expiry<K, V> {

  private final ClockTicker ticker;
  private final Function<? super V, Instant> until;

  InstantExpiry(ClockTicker ticker, Function<? super V, Instant> until) {
    this.ticker = ticker;
    this.until = until;
  }

  @Override
  public long expireAfterCreate(K key, V value, long currentTime) {
    return ticker.nanosUntil(until.apply(value), currentTime);
  }

  @Override
  public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
    return ticker.nanosUntil(until.apply(value), currentTime);
  }

  @Override
  public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
    return currentDuration;
  }
}
