package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import java.util.List;
import java.util.UUID;

/**
 * Failure accounting and lockout per key (a normalised identifier), under a {@code LockoutPolicy}
 * the adapter is built with. See the package rules.
 *
 * <p>The protocol that keeps the lockout exact under concurrency: {@link #reserve} a slot before
 * checking a password, then exactly one of {@link #recordFailure}, {@link #recordSuccess} or {@link
 * #release}. A key never holds more reservations plus counted failures than the policy's {@code
 * maxAttempts}, so however many requests race, at most that many passwords are checked per window.
 * A reservation never completed (a crashed process) expires on its own after at most the policy's
 * window.
 */
public interface LoginAttemptTracker {

  /**
   * Takes a slot for one password check, or says why not.
   *
   * @return {@code Granted}, or {@code Denied} with the lock (or, when every remaining attempt is
   *     reserved by checks in flight, a status whose {@code lockedUntil} is when to retry)
   */
  AttemptReservation reserve(String key);

  /**
   * Counts a failed check. When the count reaches the policy's {@code maxAttempts} within the
   * window, the key locks.
   *
   * @return the key's status after counting; {@code locked()} if this failure locked it
   */
  LockStatus recordFailure(AttemptReservation.Granted reservation);

  /** A successful check: clears the key's failures and progressive-lockout history. */
  void recordSuccess(AttemptReservation.Granted reservation);

  /** Gives the slot back without counting anything (the check could not be made). */
  void release(AttemptReservation.Granted reservation);

  /** The key's failures in the current window and its lock, if any. */
  LockStatus status(String key);

  /** Every key locked now, soonest unlock first. */
  List<LockStatus> activeLockouts();

  /**
   * Clears a key's failures, lock and reservations (an operator's unlock).
   *
   * @return whether there was anything to clear
   */
  boolean clear(String key);

  /**
   * The {@link LoginGate} of this tracker with {@code limiter}: by default {@link
   * LoginGate#of(LoginAttemptTracker, RateLimiter)}, one call per port and step. An adapter that
   * holds both in one database overrides this to answer each step in one transaction, and returns
   * the default for a limiter that is not its own.
   */
  default LoginGate gateWith(RateLimiter limiter) {
    return LoginGate.of(this, limiter);
  }

  /** A tracker that never locks anything: for deployments that do lockout elsewhere, and tests. */
  static LoginAttemptTracker disabled() {
    return new LoginAttemptTracker() {
      @Override
      public AttemptReservation reserve(String key) {
        return new AttemptReservation.Granted(key, UUID.randomUUID().toString());
      }

      @Override
      public LockStatus recordFailure(AttemptReservation.Granted reservation) {
        return LockStatus.clear(reservation.key());
      }

      @Override
      public void recordSuccess(AttemptReservation.Granted reservation) {}

      @Override
      public void release(AttemptReservation.Granted reservation) {}

      @Override
      public LockStatus status(String key) {
        return LockStatus.clear(key);
      }

      @Override
      public List<LockStatus> activeLockouts() {
        return List.of();
      }

      @Override
      public boolean clear(String key) {
        return false;
      }
    };
  }
}
