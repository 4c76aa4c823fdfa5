package dev.portcullis.auth.api.error;

/** Thrown for {@code identifier_taken}: the identifier is already registered. */
public class IdentifierTakenException extends AuthException {
  private static final long serialVersionUID = 1L;

  public IdentifierTakenException(AuthError.IdentifierTaken error) {
    super(error);
  }

  public IdentifierTakenException(AuthError.IdentifierTaken error, Throwable cause) {
    super(error, cause);
  }
}
