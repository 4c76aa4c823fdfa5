package dev.portcullis.auth.api.error;

/**
 * Thrown for {@code configuration_invalid}: at boot, listing every invalid or insecure setting at
 * once.
 */
public class ConfigurationException extends AuthException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(AuthError.ConfigurationInvalid error) {
    super(error);
  }

  public ConfigurationException(AuthError.ConfigurationInvalid error, Throwable cause) {
    super(error, cause);
  }

  /** An exception listing {@code problems}, which must not be empty. */
  public ConfigurationException(java.util.List<ConfigProblem> problems) {
    this(new AuthError.ConfigurationInvalid(problems));
  }

  /** Every problem found. */
  public java.util.List<ConfigProblem> problems() {
    return ((AuthError.ConfigurationInvalid) error()).problems();
  }
}
