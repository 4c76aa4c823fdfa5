package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * The answer of {@code LoginAttemptTracker.reserve}: either a slot for one password check, or the
 * lock that forbids it. Reserving before verifying is what keeps the lockout exact under
 * concurrency: a key never has more outstanding and failed attempts than the policy allows.
 */
public sealed interface AttemptReservation {

  /** The key the reservation is for. */
  String key();

  /**
   * A slot for one password check. Exactly one of {@code recordFailure}, {@code recordSuccess} or
   * {@code release} must follow.
   *
   * @param key the key
   * @param id the reservation's id, unique per tracker
   */
  record Granted(String key, String id) implements AttemptReservation {
    public Granted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(id, "id");
    }
  }

  /**
   * No slot: the key is locked, or every remaining attempt of the window is already reserved by
   * checks in flight.
   *
   * @param key the key
   * @param status the lock, whose {@code lockedUntil} says when to retry
   */
  record Denied(String key, LockStatus status) implements AttemptReservation {
    public Denied {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(status, "status");
    }
  }
}
