package dev.portcullis.auth.api.error;

/** Thrown for {@code access_token_not_found}: a request carried no access token. */
public class AccessTokenNotFoundException extends AuthException {
  private static final long serialVersionUID = 1L;

  public AccessTokenNotFoundException(AuthError.AccessTokenNotFound error) {
    super(error);
  }

  public AccessTokenNotFoundException(AuthError.AccessTokenNotFound error, Throwable cause) {
    super(error, cause);
  }
}
