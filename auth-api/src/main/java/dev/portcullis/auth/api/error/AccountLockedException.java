package dev.portcullis.auth.api.error;

/** Thrown for {@code account_locked}: too many failed logins. */
public class AccountLockedException extends AuthException {
  private static final long serialVersionUID = 1L;

  public AccountLockedException(AuthError.AccountLocked error) {
    super(error);
  }

  public AccountLockedException(AuthError.AccountLocked error, Throwable cause) {
    super(error, cause);
  }
}
