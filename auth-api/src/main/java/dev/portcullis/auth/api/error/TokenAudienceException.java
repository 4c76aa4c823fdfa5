package dev.portcullis.auth.api.error;

/** Thrown for {@code token_audience}. */
public class TokenAudienceException extends AuthException {
  private static final long serialVersionUID = 1L;

  public TokenAudienceException(AuthError.TokenRejected error) {
    super(error);
  }

  public TokenAudienceException(AuthError.TokenRejected error, Throwable cause) {
    super(error, cause);
  }
}
