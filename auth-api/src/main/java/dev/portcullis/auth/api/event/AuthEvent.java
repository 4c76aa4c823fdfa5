package dev.portcullis.auth.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened in authentication, for listeners (audit, metrics, alerts). Events carry
 * identifiers, ids and reasons, never a password, hash or token.
 */
public sealed interface AuthEvent {

  /** When it happened, from the injected clock. */
  Instant at();

  /** A stable snake_case name, for example {@code login_failed}. */
  String type();

  /** The user concerned, or null when none is known (an unknown identifier). */
  default String userId() {
    return null;
  }

  /** The identifier concerned, or null. */
  default String identifier() {
    return null;
  }

  /** The client address concerned, or null. */
  default String clientAddress() {
    return null;
  }

  /** A short non-secret detail (a reason), or null. */
  default String detail() {
    return null;
  }

  /** Why a login failed. Only listeners see this; the caller always sees one error. */
  enum FailureReason {
    UNKNOWN_IDENTIFIER,
    WRONG_PASSWORD,
    ACCOUNT_DISABLED,
    ACCOUNT_LOCKED,
    RATE_LIMITED,
    INVALID_INPUT,
    STORE_UNAVAILABLE
  }

  /** A password login succeeded. */
  record LoggedIn(Instant at, String userId, String identifier, String clientAddress)
      implements AuthEvent {
    public LoggedIn {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "logged_in";
    }
  }

  /** A password login failed. */
  record LoginFailed(Instant at, String identifier, String clientAddress, FailureReason reason)
      implements AuthEvent {
    public LoginFailed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String type() {
      return "login_failed";
    }

    @Override
    public String detail() {
      return reason.name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** An identifier was locked after too many failures. */
  record LockedOut(Instant at, String identifier, Instant lockedUntil, int failures)
      implements AuthEvent {
    public LockedOut {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(identifier, "identifier");
      Objects.requireNonNull(lockedUntil, "lockedUntil");
    }

    @Override
    public String type() {
      return "locked_out";
    }

    @Override
    public String detail() {
      return "until " + lockedUntil + " after " + failures + " failures";
    }
  }

  /** An operator cleared the failures and lock of an identifier. */
  record Unlocked(Instant at, String identifier) implements AuthEvent {
    public Unlocked {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(identifier, "identifier");
    }

    @Override
    public String type() {
      return "unlocked";
    }
  }

  /** A new account was registered. */
  record Registered(Instant at, String userId, String identifier, String clientAddress)
      implements AuthEvent {
    public Registered {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "registered";
    }
  }

  /** A user changed their password (knowing the current one). */
  record PasswordChanged(Instant at, String userId) implements AuthEvent {
    public PasswordChanged {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "password_changed";
    }
  }

  /**
   * Someone asked for a reset link. {@code userId} is null when the identifier matches no account
   * (the caller was told the same as for a real one).
   */
  record PasswordResetRequested(Instant at, String identifier, String userId, String clientAddress)
      implements AuthEvent {
    public PasswordResetRequested {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public String type() {
      return "password_reset_requested";
    }
  }

  /** A reset token was used to set a new password. */
  record PasswordResetCompleted(Instant at, String userId) implements AuthEvent {
    public PasswordResetCompleted {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "password_reset_completed";
    }
  }

  /** A stored hash was upgraded to the current algorithm or costs after a successful login. */
  record PasswordRehashed(Instant at, String userId, String fromScheme, String toScheme)
      implements AuthEvent {
    public PasswordRehashed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "password_rehashed";
    }

    @Override
    public String detail() {
      return fromScheme + " -> " + toScheme;
    }
  }

  /** A refresh token was exchanged for a new pair. */
  record TokenRefreshed(Instant at, String userId, String sessionId) implements AuthEvent {
    public TokenRefreshed {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "token_refreshed";
    }

    @Override
    public String detail() {
      return "session " + sessionId;
    }
  }

  /** A used refresh token was presented again; its session was revoked. */
  record RefreshTokenReused(Instant at, String userId, String sessionId, String clientAddress)
      implements AuthEvent {
    public RefreshTokenReused {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "refresh_token_reused";
    }

    @Override
    public String detail() {
      return "session " + sessionId;
    }
  }

  /** A session ended by logout, or every session of a user ({@code everywhere}). */
  record LoggedOut(Instant at, String userId, String sessionId, boolean everywhere)
      implements AuthEvent {
    public LoggedOut {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
    }

    @Override
    public String type() {
      return "logged_out";
    }

    @Override
    public String detail() {
      return everywhere ? "everywhere" : "session " + sessionId;
    }
  }

  /** What happened to a user's second factor, in a {@link SecondFactorChanged} event. */
  enum SecondFactorAction {
    /** An enrolment started: a new pending credential. */
    ENROLLED,
    /** The pending credential was activated with a first code. */
    CONFIRMED,
    /** A code was accepted (a login's second factor, or the proof of a change). */
    VERIFIED,
    /** A code was refused (wrong, replayed or expired); counted by the lockout. */
    FAILED,
    /** A recovery code was accepted and used up. */
    RECOVERY_CODE_USED,
    /** New recovery codes replaced the old ones. */
    RECOVERY_CODES_REGENERATED,
    /** The user removed the factor (with a fresh password or code). */
    REMOVED,
    /** An operator removed every factor of the user ({@code user mfa-reset}). */
    RESET_BY_ADMIN
  }

  /**
   * Something happened to a user's second factor. Carries the factor type ({@link #detail()}),
   * never a code, a recovery code, a seed or a challenge token.
   *
   * @param factorType {@code totp}, {@code recovery_code}, or {@code all} for an operator's reset
   * @param clientAddress the client's address when known, else null
   */
  record SecondFactorChanged(
      Instant at, String userId, SecondFactorAction action, String factorType, String clientAddress)
      implements AuthEvent {
    public SecondFactorChanged {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(userId, "userId");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(factorType, "factorType");
    }

    /** {@code mfa_} and the action, for example {@code mfa_recovery_code_used}. */
    @Override
    public String type() {
      return "mfa_" + action.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String detail() {
      return factorType;
    }
  }
}
