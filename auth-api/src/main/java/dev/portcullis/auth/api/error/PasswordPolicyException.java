package dev.portcullis.auth.api.error;

/** Thrown for {@code password_policy}: the password breaks the policy. */
public class PasswordPolicyException extends AuthException {
  private static final long serialVersionUID = 1L;

  public PasswordPolicyException(AuthError.PasswordPolicyViolated error) {
    super(error);
  }

  public PasswordPolicyException(AuthError.PasswordPolicyViolated error, Throwable cause) {
    super(error, cause);
  }
}
