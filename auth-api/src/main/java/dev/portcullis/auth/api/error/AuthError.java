package dev.portcullis.auth.api.error;

import dev.portcullis.auth.api.model.PasswordViolation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every expected failure of Portcullis, as a value. What an error is (code, HTTP status, OAuth
 * {@code error} value, remedy) is data in its {@link ErrorKind}; the records below carry the data
 * of the kinds that have some (a lock end, a retry-after, violations, a token failure...), and
 * {@link #of(ErrorKind)} makes the others. Messages never contain a password, hash, secret or
 * token.
 *
 * <p>All implementations are immutable records and thread-safe.
 */
public sealed interface AuthError
    permits AuthError.AccountLocked,
        AuthError.RateLimited,
        AuthError.PasswordPolicyViolated,
        AuthError.TokenRejected,
        AuthError.AuthenticationPending,
        AuthError.InvalidRequest,
        AuthError.NotFound,
        AuthError.ServiceUnavailable,
        AuthError.ConfigurationInvalid,
        AuthError.Plain {

  /** The kind of this error, which gives its code, statuses and remedy. */
  default ErrorKind kind() {
    return ErrorKind.of(getClass());
  }

  /** Stable machine-readable code, for example {@code account_locked}. */
  default String code() {
    return kind().code();
  }

  /** The HTTP status an HTTP adapter answers with. */
  default int httpStatus() {
    return kind().httpStatus();
  }

  /** The OAuth 2.x {@code error} value (RFC 6749 section 5.2, RFC 6750 section 3.1, RFC 8628). */
  default String oauthError() {
    return kind().oauthError();
  }

  /** What happened, in plain words, without secrets. */
  default String message() {
    return kind().summary();
  }

  /** What to do about it, in one line. */
  default String remedy() {
    return kind().remedy();
  }

  /** How long the caller should wait before trying again, where that is known. */
  default Optional<Duration> retryAfter() {
    return Optional.empty();
  }

  /** What {@code Result.unwrap()} throws: the exception named for the error, or AuthException. */
  default AuthException toException() {
    return AuthException.forError(this);
  }

  /**
   * An error of a {@link ErrorKind#isPlain() plain} kind with the kind's summary as its message;
   * {@code new Plain(kind, message)} gives it a message of its own.
   */
  static AuthError of(ErrorKind kind) {
    return new Plain(kind, kind.summary());
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
      retryIn = retryIn.isNegative() ? Duration.ZERO : retryIn;
    }

    @Override
    public String message() {
      return "Too many failed logins: this account is locked until %s (%d s)."
          .formatted(lockedUntil, retryIn.toSeconds());
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(retryIn);
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
      retryIn = retryIn.isNegative() ? Duration.ZERO : retryIn;
    }

    @Override
    public String message() {
      return "Rate limit of %s exceeded; retry in %d s.".formatted(limit, retryIn.toSeconds());
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(retryIn);
    }
  }

  /** A candidate password breaks the password policy: {@code violations} lists every one. */
  record PasswordPolicyViolated(List<PasswordViolation> violations) implements AuthError {
    public PasswordPolicyViolated {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("a password policy error needs at least one violation");
      }
    }

    @Override
    public String message() {
      return "The password does not meet the password policy:"
          + violations.stream().map(v -> " " + v.message()).collect(Collectors.joining());
    }
  }

  /**
   * A token was presented and refused; its code and remedy are the {@code failure}'s.
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
  }

  /**
   * A polling client asked for a token before the user finished authenticating (RFC 8628).
   *
   * @param interval how long to wait before polling again
   */
  record AuthenticationPending(Duration interval) implements AuthError {
    public AuthenticationPending {
      interval = interval.isNegative() ? Duration.ZERO : interval;
    }

    @Override
    public String remedy() {
      return "Poll again after " + interval.toSeconds() + " s; do not poll faster.";
    }

    @Override
    public Optional<Duration> retryAfter() {
      return Optional.of(interval);
    }
  }

  /**
   * Input that cannot be processed (a blank identifier, an oversized password...); nothing changed.
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
    public String message() {
      return "Invalid " + field + ": " + problem;
    }

    @Override
    public String remedy() {
      return "Correct '" + field + "' and send the request again.";
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
    public String message() {
      return "No such " + what + ".";
    }

    @Override
    public String remedy() {
      return what.equals("endpoint")
          ? "Check the method and the path: the server's README lists every endpoint."
          : "List the " + what + "s you can see and use one of their ids.";
    }
  }

  /**
   * A store or other dependency could not answer, so the operation failed closed.
   *
   * @param component what failed, for example {@code jdbc user store}
   * @param detail the cause and the settings to look at (for example the pool size)
   * @param retryIn when trying again makes sense, or null when that is not known
   */
  record ServiceUnavailable(String component, String detail, Duration retryIn)
      implements AuthError {
    public ServiceUnavailable {
      Objects.requireNonNull(component, "component");
      Objects.requireNonNull(detail, "detail");
      retryIn = retryIn != null && retryIn.isNegative() ? Duration.ZERO : retryIn;
    }

    /** An outage with no known end. */
    public ServiceUnavailable(String component, String detail) {
      this(component, detail, null);
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
  }

  /** The settings are invalid or insecure: {@code problems} lists every one, never empty. */
  record ConfigurationInvalid(List<ConfigProblem> problems) implements AuthError {
    public ConfigurationInvalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("a configuration error needs at least one problem");
      }
    }

    @Override
    public String message() {
      StringBuilder sb = new StringBuilder().append(problems.size());
      sb.append(problems.size() == 1 ? " configuration problem:" : " configuration problems:");
      problems.forEach(p -> sb.append(System.lineSeparator()).append("  - ").append(p.describe()));
      return sb.toString();
    }
  }

  /**
   * An error of a {@link ErrorKind#isPlain() plain} kind (any other is refused), made by {@link
   * AuthError#of}; {@code message} names what happened, without secrets.
   */
  record Plain(ErrorKind kind, String message) implements AuthError {
    public Plain {
      Objects.requireNonNull(message, "message");
      if (!kind.isPlain()) {
        throw new IllegalArgumentException(kind.code() + " has a record of its own in AuthError");
      }
    }
  }
}
