package dev.portcullis.auth.api.error;

/** Thrown for {@code token_revoked}: the token, its session or its user's tokens were revoked. */
public class TokenBlacklistedException extends AuthException {
  private static final long serialVersionUID = 1L;

  public TokenBlacklistedException(AuthError.TokenRejected error) {
    super(error);
  }

  public TokenBlacklistedException(AuthError.TokenRejected error, Throwable cause) {
    super(error, cause);
  }
}
