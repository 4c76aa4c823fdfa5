package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts wrong second-factor codes in the {@link LoginAttemptTracker}, under a key of their own per
 * user and with the same lockout policy as passwords: a slot is reserved before a code is checked,
 * and a locked user gets {@code account_locked} without a check. Thread-safe.
 */
public final class MfaAttempts {
  private static final Logger log = LoggerFactory.getLogger(MfaAttempts.class);

  private final LoginAttemptTracker tracker;
  private final Clock clock;

  public MfaAttempts(LoginAttemptTracker tracker, Clock clock) {
    this.tracker = Objects.requireNonNull(tracker, "tracker");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The tracker key of a user's second-factor failures. It starts with a space, which no normalised
   * identifier does (identifiers are stripped), so no account's password failures can lock another
   * user's second factor.
   */
  public static String key(String userId) {
    return " mfa:" + userId;
  }

  /**
   * Runs {@code check} in a reserved slot: {@code true} clears the user's failures, {@code false}
   * counts one and answers {@code invalid_mfa_code}; a store failure releases the slot and is
   * rethrown.
   */
  public Result<Void> check(String userId, BooleanSupplier check) {
    AttemptReservation reservation = tracker.reserve(key(userId));
    if (reservation instanceof AttemptReservation.Denied denied) {
      Instant until = denied.status().lockEnd().orElse(clock.instant());
      return Result.err(
          new AuthError.AccountLocked(until, Duration.between(clock.instant(), until)));
    }
    AttemptReservation.Granted slot = (AttemptReservation.Granted) reservation;
    boolean ok;
    try {
      ok = check.getAsBoolean();
    } catch (RuntimeException e) {
      try {
        tracker.release(slot);
      } catch (RuntimeException ignored) {
        log.warn("could not release an MFA reservation; it expires on its own");
      }
      throw e;
    }
    if (ok) {
      tracker.recordSuccess(slot);
      return Result.ok();
    }
    LockStatus status = tracker.recordFailure(slot);
    if (status.locked()) {
      log.info("second factor of user {} locked until {}", userId, status.lockedUntil());
    }
    return Result.err(AuthError.of(ErrorKind.INVALID_MFA_CODE));
  }

  /** Clears the user's second-factor failures and lock (an operator's reset). */
  public boolean clear(String userId) {
    return tracker.clear(key(userId));
  }
}
