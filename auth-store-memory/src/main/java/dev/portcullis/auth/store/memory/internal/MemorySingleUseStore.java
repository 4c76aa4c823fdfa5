package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.store.SingleUseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Used keys in a Caffeine cache, each living until its {@code expiresAt} on the injected clock.
 * Marking is one atomic {@code compute}. At {@code maxKeys} a new key is refused with {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} (see {@link Capacity}): dropping a
 * remembered key would let it be used twice. Thread-safe.
 */
public final class MemorySingleUseStore implements SingleUseStore {

  private record Key(String namespace, String key) {}

  private final Clock clock;
  private final Capacity capacity;
  private final Cache<Key, Instant> keys;

  public MemorySingleUseStore(Clock clock, long maxKeys, String settingKey) {
    this.clock = clock;
    this.capacity = new Capacity(maxKeys, "memory single-use store", settingKey);
    ClockTicker ticker = new ClockTicker(clock);
    this.keys =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(new InstantExpiry<Key, Instant>(ticker, until -> until))
            .build();
  }

  @Override
  public boolean markUsed(String namespace, String key, Instant expiresAt) {
    Key k = new Key(Args.key(namespace, "namespace"), Args.key(key, "key"));
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (namespace.length() > 64 || key.length() > 255) {
      throw new IllegalArgumentException("namespace or key too long (64 and 255 characters)");
    }
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expiresAt must be in the future");
    }
    capacity.admit(keys, k);
    boolean[] first = {false};
    keys.asMap()
        .compute(
            k,
            (ignored, remembered) -> {
              if (remembered != null && remembered.isAfter(now)) {
                return remembered;
              }
              first[0] = true;
              return expiresAt;
            });
    return first[0];
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int count = 0;
    for (Map.Entry<Key, Instant> e : keys.asMap().entrySet()) {
      if (e.getValue().isBefore(cutoff) && keys.asMap().remove(e.getKey(), e.getValue())) {
        count++;
      }
    }
    return count;
  }

  /** Keys held now, after dropping the expired ones. */
  public long size() {
    keys.cleanUp();
    return keys.estimatedSize();
  }
}
