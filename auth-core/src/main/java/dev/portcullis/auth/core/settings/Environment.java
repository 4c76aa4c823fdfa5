package dev.portcullis.auth.core.settings;

import java.util.Locale;

/** Where Portcullis runs: {@code auth.environment} ({@code AUTH_ENVIRONMENT}). */
public enum Environment {
  /** A developer's machine: missing secrets are generated, with a warning. */
  DEVELOPMENT,
  /** Automated tests: like development, and hash costs below the OWASP floors pass silently. */
  TEST,
  /** A pre-production deployment: insecure settings refuse to start. */
  STAGING,
  /** Production: insecure settings refuse to start. */
  PRODUCTION;

  /** Whether insecure settings must refuse to start (staging and production). */
  public boolean strict() {
    return this == STAGING || this == PRODUCTION;
  }

  /** The settings value, for example {@code production}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a settings value, ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException listing the accepted values
   */
  public static Environment parse(String text) {
    String v = text.trim().toUpperCase(Locale.ROOT);
    for (Environment e : values()) {
      if (e.name().equals(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not an environment; use development, test, staging or production");
  }
}
