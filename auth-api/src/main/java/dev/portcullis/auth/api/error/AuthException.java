package dev.portcullis.auth.api.error;

import java.util.Objects;

/**
 * The unchecked exception that carries an {@link AuthError}, thrown by {@code Result.unwrap()} and
 * by ports that cannot answer at all (a store that is down throws {@link
 * ServiceUnavailableException}); {@code Result.catching(...)} turns it back into a result. Its
 * message is the error's code, message and remedy: never a secret.
 *
 * <p>Errors that have an exception of their own (the names follow the seeds: {@link
 * InvalidCredentialsException}, {@link AccountLockedException}, {@link TokenExpiredException}...)
 * unwrap to it; every other error unwraps to a plain {@code AuthException}.
 */
public class AuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient AuthError error;

  public AuthException(AuthError error) {
    this(error, null);
  }

  public AuthException(AuthError error, Throwable cause) {
    super(render(error), cause);
    this.error = error;
  }

  /** The error this exception carries. */
  public AuthError error() {
    return error;
  }

  /** The error's stable code. */
  public String code() {
    return error.code();
  }

  /** The exception named for {@code error}, or an {@code AuthException} if it has none. */
  static AuthException forError(AuthError error) {
    if (error instanceof AuthError.TokenRejected rejected) {
      return switch (rejected.failure()) {
        case EXPIRED -> new TokenExpiredException(rejected);
        case AUDIENCE -> new TokenAudienceException(rejected);
        case REVOKED -> new TokenBlacklistedException(rejected);
        default -> new AuthException(rejected);
      };
    }
    // Each kind below has exactly one record (ErrorKind's table), so the casts hold.
    return switch (error.kind()) {
      case INVALID_CREDENTIALS -> new InvalidCredentialsException(error);
      case ACCOUNT_LOCKED -> new AccountLockedException((AuthError.AccountLocked) error);
      case RATE_LIMITED -> new RateLimitedException((AuthError.RateLimited) error);
      case PASSWORD_POLICY -> new PasswordPolicyException((AuthError.PasswordPolicyViolated) error);
      case IDENTIFIER_TAKEN -> new IdentifierTakenException(error);
      case ACCESS_TOKEN_NOT_FOUND -> new AccessTokenNotFoundException(error);
      case AUTHENTICATION_PENDING ->
          new AuthenticationPendingException((AuthError.AuthenticationPending) error);
      case NOT_FOUND -> new NotFoundException((AuthError.NotFound) error);
      case SERVICE_UNAVAILABLE ->
          new ServiceUnavailableException((AuthError.ServiceUnavailable) error);
      case CONFIGURATION_INVALID ->
          new ConfigurationException((AuthError.ConfigurationInvalid) error);
      default -> new AuthException(error);
    };
  }

  /** {@code error}, if it is of {@code kind}: for the exceptions of kinds without a record. */
  static AuthError requireKind(AuthError error, ErrorKind kind) {
    if (Objects.requireNonNull(error, "error").kind() != kind) {
      throw new IllegalArgumentException("expected a " + kind.code() + " error: " + error.code());
    }
    return error;
  }

  private static String render(AuthError error) {
    Objects.requireNonNull(error, "error");
    return error.code() + ": " + error.message() + " Fix: " + error.remedy();
  }
}
