package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The failure count and lock of one key (a normalised identifier) at a moment.
 *
 * @param key the key
 * @param failures failed attempts counted in the current window
 * @param lockedUntil when the current lock ends, or null if the key is not locked
 */
public record LockStatus(String key, int failures, Instant lockedUntil) {

  public LockStatus {
    Objects.requireNonNull(key, "key");
    if (failures < 0) {
      throw new IllegalArgumentException("failures must not be negative");
    }
  }

  /** A key with no failures and no lock. */
  public static LockStatus clear(String key) {
    return new LockStatus(key, 0, null);
  }

  /** Whether the key is locked. */
  public boolean locked() {
    return lockedUntil != null;
  }

  /** When the lock ends, if the key is locked. */
  public Optional<Instant> lockEnd() {
    return Optional.ofNullable(lockedUntil);
  }
}
