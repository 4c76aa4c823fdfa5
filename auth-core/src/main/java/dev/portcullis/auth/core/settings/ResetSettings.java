package dev.portcullis.auth.core.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * Password reset ({@code auth.reset.*}).
 *
 * @param tokenTtl how long a reset link works
 * @param linkTemplate the link sent to the user; {@code {token}} is replaced by the token
 */
public record ResetSettings(Duration tokenTtl, String linkTemplate) {

  /** The placeholder that {@code linkTemplate} must contain. */
  public static final String TOKEN_PLACEHOLDER = "{token}";

  public ResetSettings {
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(linkTemplate, "linkTemplate");
    if (!linkTemplate.contains(TOKEN_PLACEHOLDER)) {
      throw new IllegalArgumentException("linkTemplate must contain " + TOKEN_PLACEHOLDER);
    }
  }

  /** The link for one token. */
  public String link(String token) {
    return linkTemplate.replace(TOKEN_PLACEHOLDER, token);
  }
}
