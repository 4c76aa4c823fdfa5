package dev.portcullis.auth.api.error;

/** Thrown for {@code token_expired}. */
public class TokenExpiredException extends AuthException {
  private static final long serialVersionUID = 1L;

  public TokenExpiredException(AuthError.TokenRejected error) {
    super(error);
  }

  public TokenExpiredException(AuthError.TokenRejected error, Throwable cause) {
    super(error, cause);
  }
}
