package dev.portcullis.auth.api.error;

/**
 * Thrown for {@code invalid_credentials}: unknown identifier, disabled account or wrong password.
 */
public class InvalidCredentialsException extends AuthException {
  private static final long serialVersionUID = 1L;

  public InvalidCredentialsException(AuthError error) {
    super(requireKind(error, ErrorKind.INVALID_CREDENTIALS));
  }

  public InvalidCredentialsException(AuthError error, Throwable cause) {
    super(requireKind(error, ErrorKind.INVALID_CREDENTIALS), cause);
  }
}
