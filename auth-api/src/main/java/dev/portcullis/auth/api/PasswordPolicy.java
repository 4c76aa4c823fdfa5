package dev.portcullis.auth.api;

import dev.portcullis.auth.api.model.PasswordContext;
import dev.portcullis.auth.api.model.PasswordViolation;
import java.util.List;

/**
 * Decides whether a candidate password is acceptable.
 *
 * <p>Implementations must be thread-safe and must never truncate, log or store the password.
 */
public interface PasswordPolicy {

  /**
   * Every violation of {@code password} at once; empty when it is acceptable.
   *
   * @param password the candidate
   * @param context the account it is for, so passwords containing the identifier or name can be
   *     refused
   */
  List<PasswordViolation> check(String password, PasswordContext context);

  /** A policy that accepts every password. Only for tests and for imports of existing accounts. */
  static PasswordPolicy acceptAll() {
    return (password, context) -> List.of();
  }
}
