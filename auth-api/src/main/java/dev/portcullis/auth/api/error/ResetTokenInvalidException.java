package dev.portcullis.auth.api.error;

/** Thrown for {@code reset_token_invalid}. */
public class ResetTokenInvalidException extends AuthException {
  private static final long serialVersionUID = 1L;

  public ResetTokenInvalidException(AuthError.ResetTokenInvalid error) {
    super(error);
  }

  public ResetTokenInvalidException(AuthError.ResetTokenInvalid error, Throwable cause) {
    super(error, cause);
  }
}
