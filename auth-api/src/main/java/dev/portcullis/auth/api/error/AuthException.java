package dev.portcullis.auth.api.error;

import java.util.Objects;

/**
 * The unchecked exception that carries an {@link AuthError}, thrown by {@code Result.unwrap()} and
 * by ports that cannot answer at all (a store that is down throws {@link
 * ServiceUnavailableException}). Its message is the error's code, message and remedy: never a
 * secret.
 */
public class AuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient AuthError error;

  public AuthException(AuthError error) {
    this(error, null);
  }

  public AuthException(AuthError error, Throwable cause) {
    super(render(error), cause);
    this.error = error;
  }

  /** The error this exception carries. */
  public AuthError error() {
    return error;
  }

  /** The error's stable code. */
  public String code() {
    return error.code();
  }

  private static String render(AuthError error) {
    Objects.requireNonNull(error, "error");
    return error.code() + ": " + error.message() + " Fix: " + error.remedy();
  }
}
