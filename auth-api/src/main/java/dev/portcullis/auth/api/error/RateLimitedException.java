package dev.portcullis.auth.api.error;

/** Thrown for {@code rate_limited}: too many requests from one client. */
public class RateLimitedException extends AuthException {
  private static final long serialVersionUID = 1L;

  public RateLimitedException(AuthError.RateLimited error) {
    super(error);
  }

  public RateLimitedException(AuthError.RateLimited error, Throwable cause) {
    super(error, cause);
  }
}
