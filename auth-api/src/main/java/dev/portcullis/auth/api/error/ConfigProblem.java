package dev.portcullis.auth.api.error;

import java.util.Objects;
import java.util.Optional;

/**
 * One invalid or insecure setting.
 *
 * @param key the settings key, for example {@code auth.token.secret-key}
 * @param environmentVariable the environment variable that overrides it, or null if there is none
 * @param problem what is wrong, never quoting a secret value
 * @param fix how to fix it, for example {@code openssl rand -base64 32}
 */
public record ConfigProblem(String key, String environmentVariable, String problem, String fix) {

  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(fix, "fix");
  }

  /** The environment variable that overrides the key, if there is one. */
  public Optional<String> env() {
    return Optional.ofNullable(environmentVariable);
  }

  /** One line: key, environment variable, problem and fix. */
  public String describe() {
    return key
        + (environmentVariable == null ? "" : " (env " + environmentVariable + ")")
        + ": "
        + problem
        + " Fix: "
        + fix;
  }
}
