package dev.portcullis.auth.api.error;

/** Thrown for {@code not_found}. */
public class NotFoundException extends AuthException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(AuthError.NotFound error) {
    super(error);
  }

  public NotFoundException(AuthError.NotFound error, Throwable cause) {
    super(error, cause);
  }
}
