package dev.portcullis.auth.api.error;

/** Thrown for {@code invalid_request}: input that cannot be processed. */
public class InvalidRequestException extends AuthException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(AuthError.InvalidRequest error) {
    super(error);
  }

  public InvalidRequestException(AuthError.InvalidRequest error, Throwable cause) {
    super(error, cause);
  }
}
