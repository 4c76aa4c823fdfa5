package dev.portcullis.auth.api.model;

/**
 * What the policy knows about the account a password is for, so it can reject passwords that
 * contain the identifier, the e-mail's local part or the name. Every field may be null.
 *
 * @param identifier the login identifier
 * @param email the e-mail address
 * @param name the display name
 */
public record PasswordContext(String identifier, String email, String name) {

  /** No context: only context-free rules apply. */
  public static PasswordContext none() {
    return new PasswordContext(null, null, null);
  }

  /** The context of an existing account. */
  public static PasswordContext of(User user) {
    return new PasswordContext(user.identifier(), user.email(), user.name());
  }
}
