package dev.portcullis.auth.api.error;

import dev.portcullis.auth.api.model.PasswordViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every expected failure of Portcullis, as a value.
 *
 * <p>Each error has a stable snake_case {@link #code()} (safe to match on and to show to clients),
 * the HTTP status and OAuth {@code error} value an adapter should answer with, a {@link #message()}
 * naming the cause and a {@link #remedy()} naming the fix. Messages never contain a password, hash,
 * secret or token.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface AuthError
    permits AuthError.InvalidCredentials,
        AuthError.AccountLocked,
        AuthError.RateLimited,
        AuthError.PasswordPolicyViolated,
        AuthError.IdentifierTaken,
        AuthError.TokenRejected,
        AuthError.AccessTokenNotFound,
        AuthError.AuthenticationPending,
        AuthError.ResetTokenInvalid,
        AuthError.InvalidRequest,
        AuthError.NotFound,
        AuthError.ServiceUnavailable,
        AuthError.ConfigurationInvalid {

  /** Stable machine-readable code, for example {@code account_locked}. */
  String code();

  /** The HTTP status an HTTP adapter answers with. */
  int httpStatus();

  /** The OAuth 2.x {@code error} value (RFC 6749 section 5.2, RFC 6750 section 3.1, RFC 8628). */
  String oauthError();

  /** What happened, in plain words, without secrets. */
  String message();

  /** What to do about it, in one line. */
  String remedy();

  /** How long the caller should wait before trying again, where that is known. */
  default Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /** The exception {@code Result.unwrap()} throws for this error. */
  AuthException toException();

  /**
   * Unknown identifier, disabled account or wrong password: deliberately one error, so that a
   * caller cannot tell which.
   */
  record InvalidCredentials() implements AuthError {
    @Override
    public String code() {
      return "invalid_credentials";
    }

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String oauthError() {
      return "invalid_grant";
    }

    @Override
    public String message() {
      return "The identifier or the password is wrong, or the account is disabled.";
    }

    @Override
    public String remedy() {
      return "Check the identifier and password. Operators: check that the user exists in the"
          + " configured user store, is enabled, and that its password hash uses a supported"
          + " algorithm; reset the password if in doubt.";
    }

    @Override
    public AuthException toException() {
      return new InvalidCredentialsException(this);
    }
  }

  /**
   * Too many failed logins for this identifier: it is locked until {@code lockedUntil}.
   *
   * @param lockedUntil when the lock ends
   * @param retryIn how long from the moment of the answer until then, never negative
   */
  record AccountLocked(Instant lockedUntil, Duration retryIn) implements AuthError {
    public AccountLocked {
      Objects.requireNonNull(lockedUntil, "lockedUntil");
      retryIn = nonNegative(retryIn);
    }

    @Override
    public String code() {
      return "account_locked";
    }

    @Override
    public int httpStatus() {
      return 423;
    }

    @Override
    public String oauthError() {
      return "invalid_grant";
    }

    @Override
    public String message() {
      return "Too many failed logins: this account is locked until "
          + lockedUntil
          + " ("
          + retryIn.toSeconds()
          + " s).";
    }

    @Override
    public String remedy() {
      return "Wait until the lock ends, or ask an operator to clear it"
          + " (LoginAttemptTracker.clear(identifier), or 'lockouts clear' on the server).";
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(retryIn);
    }

    @Override
    public AuthException toException() {
      return new AccountLockedException(this);
    }
  }

  /**
   * Too many requests from one client for one kind of operation.
   *
   * @param limit the limit that was hit, in the settings' syntax, for example {@code 5/minute}
   * @param retryIn how long until a permit is available, never negative
   */
  record RateLimited(String limit, Duration retryIn) implements AuthError {
    public RateLimited {
      Objects.requireNonNull(limit, "limit");
      retryIn = nonNegative(retryIn);
    }

    @Override
    public String code() {
      return "rate_limited";
    }

    @Override
    public int httpStatus() {
      return 429;
    }

    @Override
    public String oauthError() {
      return "temporarily_unavailable";
    }

    @Override
    public String message() {
      return "Rate limit of " + limit + " exceeded; retry in " + retryIn.toSeconds() + " s.";
    }

    @Override
    public String remedy() {
      return "Wait for the retry-after period. Operators can raise the limit"
          + " (auth.rate-limit.*, for example \"20/minute\").";
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(retryIn);
    }

    @Override
    public AuthException toException() {
      return new RateLimitedException(this);
    }
  }

  /**
   * A candidate password breaks the password policy.
   *
   * @param violations every violation at once, never empty
   */
  record PasswordPolicyViolated(List<PasswordViolation> violations) implements AuthError {
    public PasswordPolicyViolated {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a password policy error needs at least one violation");
      }
    }

    @Override
    public String code() {
      return "password_policy";
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String oauthError() {
      return "invalid_request";
    }

    @Override
    public String message() {
      StringBuilder sb = new StringBuilder("The password does not meet the password policy:");
      for (PasswordViolation v : violations) {
        sb.append(' ').append(v.message());
      }
      return sb.toString();
    }

    @Override
    public String remedy() {
      return "Choose a password that fixes every listed violation; a long passphrase works best.";
    }

    @Override
    public AuthException toException() {
      return new PasswordPolicyException(this);
    }
  }

  /** Registration with an identifier that another account already has. */
  record IdentifierTaken() implements AuthError {
    @Override
    public String code() {
      return "identifier_taken";
    }

    @Override
    public int httpStatus() {
      return 409;
    }

    @Override
    public String oauthError() {
      return "invalid_request";
    }

    @Override
    public String message() {
      return "An account with this identifier already exists.";
    }

    @Override
    public String remedy() {
      return "Log in instead, or use \"forgot password\" to regain access.";
    }

    @Override
    public AuthException toException() {
      return new IdentifierTakenException(this);
    }
  }

  /**
   * A token was presented and refused.
   *
   * @param failure why, with its own code
   * @param detail the specifics in plain words (seconds late, expected audience, unknown kid...);
   *     never the token itself
   */
  record TokenRejected(TokenFailure failure, String detail) implements AuthError {
    public TokenRejected {
      Objects.requireNonNull(failure, "failure");
      Objects.requireNonNull(detail, "detail");
    }

    /** A rejection whose detail is the failure's own description. */
    public static TokenRejected of(TokenFailure failure) {
      return new TokenRejected(failure, failure.description());
    }

    @Override
    public String code() {
      return failure.code();
    }

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String oauthError() {
      return failure == TokenFailure.REFRESH_TOKEN_REUSED ? "invalid_grant" : "invalid_token";
    }

    @Override
    public String message() {
      return detail;
    }

    @Override
    public String remedy() {
      return failure.remedy();
    }

    @Override
    public AuthException toException() {
      return switch (failure) {
        case EXPIRED -> new TokenExpiredException(this);
        case AUDIENCE -> new TokenAudienceException(this);
        case REVOKED -> new TokenBlacklistedException(this);
        default -> new TokenInvalidException(this);
      };
    }
  }

  /** A request that needs an access token carried none. */
  record AccessTokenNotFound() implements AuthError {
    @Override
    public String code() {
      return "access_token_not_found";
    }

    @Override
    public int httpStatus() {
      return 401;
    }

    @Override
    public String oauthError() {
      return "invalid_request";
    }

    @Override
    public String message() {
      return "No access token was presented.";
    }

    @Override
    public String remedy() {
      return "Send the access token as 'Authorization: Bearer <token>'; if it expired, use the"
          + " refresh token to get a new one, or log in again.";
    }

    @Override
    public AuthException toException() {
      return new AccessTokenNotFoundException(this);
    }
  }

  /**
   * A polling client asked for a token before the user finished authenticating (RFC 8628).
   *
   * @param interval how long to wait before polling again
   */
  record AuthenticationPending(Duration interval) implements AuthError {
    public AuthenticationPending {
      interval = nonNegative(interval);
    }

    @Override
    public String code() {
      return "authentication_pending";
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String oauthError() {
      return "authorization_pending";
    }

    @Override
    public String message() {
      return "The user has not finished authenticating yet.";
    }

    @Override
    public String remedy() {
      return "Poll again after " + interval.toSeconds() + " s; do not poll faster.";
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(interval);
    }

    @Override
    public AuthException toException() {
      return new AuthenticationPendingException(this);
    }
  }

  /** A password-reset token that is unknown, already used or expired (deliberately one error). */
  record ResetTokenInvalid() implements AuthError {
    @Override
    public String code() {
      return "reset_token_invalid";
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String oauthError() {
      return "invalid_grant";
    }

    @Override
    public String message() {
      return "The password-reset token is unknown, already used or expired.";
    }

    @Override
    public String remedy() {
      return "Request a new reset link; each link works once and only for a limited time.";
    }

    @Override
    public AuthException toException() {
      return new ResetTokenInvalidException(this);
    }
  }

  /**
   * Input that cannot be processed: a blank identifier, an oversized password, a missing field.
   * Nothing was changed.
   *
   * @param field the input at fault
   * @param problem what is wrong with it, without echoing secret values
   */
  record InvalidRequest(String field, String problem) implements AuthError {
    public InvalidRequest {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(problem, "problem");
    }

    @Override
    public String code() {
      return "invalid_request";
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public String oauthError() {
      return "invalid_request";
    }

    @Override
    public String message() {
      return "Invalid " + field + ": " + problem;
    }

    @Override
    public String remedy() {
      return "Correct '" + field + "' and send the request again.";
    }

    @Override
    public AuthException toException() {
      return new InvalidRequestException(this);
    }
  }

  /**
   * A named thing (a session, a user) does not exist, or does not belong to the caller.
   *
   * @param what the kind of thing, for example {@code session}
   */
  record NotFound(String what) implements AuthError {
    public NotFound {
      Objects.requireNonNull(what, "what");
    }

    @Override
    public String code() {
      return "not_found";
    }

    @Override
    public int httpStatus() {
      return 404;
    }

    @Override
    public String oauthError() {
      return "invalid_request";
    }

    @Override
    public String message() {
      return "No such " + what + ".";
    }

    @Override
    public String remedy() {
      return "List the " + what + "s you can see and use one of their ids.";
    }

    @Override
    public AuthException toException() {
      return new NotFoundException(this);
    }
  }

  /**
   * A store or other dependency could not answer, so the operation failed closed.
   *
   * @param component what failed, for example {@code jdbc user store}
   * @param detail the cause and the settings to look at (for example the pool size)
   * @param retryIn how long the caller should wait before trying again, or null when unknown; never
   *     negative
   */
  record ServiceUnavailable(String component, String detail, Duration retryIn)
      implements AuthError {
    public ServiceUnavailable {
      Objects.requireNonNull(component, "component");
      Objects.requireNonNull(detail, "detail");
      retryIn = retryIn == null ? null : nonNegative(retryIn);
    }

    /** A failure with no known time to retry. */
    public ServiceUnavailable(String component, String detail) {
      this(component, detail, null);
    }

    @Override
    public String code() {
      return "service_unavailable";
    }

    @Override
    public int httpStatus() {
      return 503;
    }

    @Override
    public String oauthError() {
      return "temporarily_unavailable";
    }

    @Override
    public String message() {
      return component + " is unavailable: " + detail;
    }

    @Override
    public String remedy() {
      return "Retry later. Operators: check that " + component + " is reachable and not saturated.";
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(retryIn);
    }

    @Override
    public AuthException toException() {
      return new ServiceUnavailableException(this);
    }
  }

  /**
   * The settings are invalid or insecure; every problem is listed.
   *
   * @param problems every problem found, never empty
   */
  record ConfigurationInvalid(List<ConfigProblem> problems) implements AuthError {
    public ConfigurationInvalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a configuration error needs at least one problem");
      }
    }

    @Override
    public String code() {
      return "configuration_invalid";
    }

    @Override
    public int httpStatus() {
      return 500;
    }

    @Override
    public String oauthError() {
      return "server_error";
    }

    @Override
    public String message() {
      StringBuilder sb = new StringBuilder();
      sb.append(problems.size())
          .append(problems.size() == 1 ? " configuration problem:" : " configuration problems:");
      for (ConfigProblem p : problems) {
        sb.append(System.lineSeparator()).append("  - ").append(p.describe());
      }
      return sb.toString();
    }

    @Override
    public String remedy() {
      return "Fix each listed problem (settings in the config file or through the named"
          + " environment variable; bindings in your Guice modules) and start again.";
    }

    @Override
    public AuthException toException() {
      return new ConfigurationException(this);
    }
  }

  private static Duration nonNegative(Duration d) {
    Objects.requireNonNull(d, "duration");
    return d.isNegative() ? Duration.ZERO : d;
  }
}
