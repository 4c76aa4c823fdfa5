package dev.portcullis.auth.api.error;

/** Thrown for {@code authentication_pending}: a polling client asked too early. */
public class AuthenticationPendingException extends AuthException {
  private static final long serialVersionUID = 1L;

  public AuthenticationPendingException(AuthError.AuthenticationPending error) {
    super(error);
  }

  public AuthenticationPendingException(AuthError.AuthenticationPending error, Throwable cause) {
    super(error, cause);
  }
}
