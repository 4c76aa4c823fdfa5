package dev.portcullis.auth.api.error;

/** Thrown for {@code identifier_taken}: the identifier is already registered. */
public class IdentifierTakenException extends AuthException {
  private static final long serialVersionUID = 1L;

  public IdentifierTakenException(AuthError error) {
    super(requireKind(error, ErrorKind.IDENTIFIER_TAKEN));
  }

  public IdentifierTakenException(AuthError error, Throwable cause) {
    super(requireKind(error, ErrorKind.IDENTIFIER_TAKEN), cause);
  }
}
