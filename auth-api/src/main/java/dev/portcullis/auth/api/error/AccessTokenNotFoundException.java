package dev.portcullis.auth.api.error;

/** Thrown for {@code access_token_not_found}: a request carried no access token. */
public class AccessTokenNotFoundException extends AuthException {
  private static final long serialVersionUID = 1L;

  public AccessTokenNotFoundException(AuthError error) {
    super(requireKind(error, ErrorKind.ACCESS_TOKEN_NOT_FOUND));
  }

  public AccessTokenNotFoundException(AuthError error, Throwable cause) {
    super(requireKind(error, ErrorKind.ACCESS_TOKEN_NOT_FOUND), cause);
  }
}
