package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;

/**
 * The hard bound of a store whose entries must not be evicted (a lock, a revocation, an account):
 * when it is full, a new key is refused with {@link ServiceUnavailableException}, so callers fail
 * closed, instead of dropping an entry that protects someone.
 *
 * <p>The check precedes the insertion without a lock, so concurrent callers may overshoot the bound
 * by at most their number.
 */
final class Capacity {

  private final long max;
  private final String component;
  private final String settingKey;

  Capacity(long max, String component, String settingKey) {
    this.max = max;
    this.component = component;
    this.settingKey = settingKey;
  }

  long max() {
    return max;
  }

  /** Throws if {@code cache} is full and does not hold {@code key} yet. */
  void admit(Cache<?, ?> cache, Object key) {
    if (cache.estimatedSize() < max || cache.asMap().containsKey(key)) {
      return;
    }
    // The estimate counts entries that expired but were not swept yet: sweep, then look again.
    cache.cleanUp();
    if (cache.estimatedSize() >= max) {
      throw full();
    }
  }

  /** The exception for a full store. */
  ServiceUnavailableException full() {
    return new ServiceUnavailableException(
        new AuthError.ServiceUnavailable(
            component,
            "it holds its maximum of "
                + max
                + " entries, none of which may be dropped safely; raise "
                + settingKey
                + " (memory per entry: see auth-store-memory's README), or use a database-backed"
                + " store"));
  }
}
