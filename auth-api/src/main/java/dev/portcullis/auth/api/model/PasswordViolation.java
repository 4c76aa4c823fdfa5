package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * One way a candidate password breaks the policy.
 *
 * @param code stable snake_case code, for example {@code too_short} or {@code common_password}
 * @param message what a person should change, for example "Use at least 12 characters."; never
 *     quotes the password
 */
public record PasswordViolation(String code, String message) {

  public PasswordViolation {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
