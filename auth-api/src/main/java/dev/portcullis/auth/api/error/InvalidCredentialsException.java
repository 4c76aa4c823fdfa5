package dev.portcullis.auth.api.error;

/**
 * Thrown for {@code invalid_credentials}: unknown identifier, disabled account or wrong password.
 */
public class InvalidCredentialsException extends AuthException {
  private static final long serialVersionUID = 1L;

  public InvalidCredentialsException(AuthError.InvalidCredentials error) {
    super(error);
  }

  public InvalidCredentialsException(AuthError.InvalidCredentials error, Throwable cause) {
    super(error, cause);
  }
}
