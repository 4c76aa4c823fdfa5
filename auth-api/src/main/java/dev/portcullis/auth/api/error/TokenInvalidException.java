package dev.portcullis.auth.api.error;

/**
 * Thrown for every other token failure (signature, algorithm, issuer, type, malformed, reuse...).
 */
public class TokenInvalidException extends AuthException {
  private static final long serialVersionUID = 1L;

  public TokenInvalidException(AuthError.TokenRejected error) {
    super(error);
  }

  public TokenInvalidException(AuthError.TokenRejected error, Throwable cause) {
    super(error, cause);
  }
}
