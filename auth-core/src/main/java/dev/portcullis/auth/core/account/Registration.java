package dev.portcullis.auth.core.account;

import java.util.Objects;
import java.util.Set;

/**
 * A request to create an account. {@link #toString()} never prints the password.
 *
 * @param identifier the login identifier (an e-mail address), normalised on registration
 * @param password the initial password, checked against the policy
 * @param name display name, or null
 * @param roles initial roles
 * @param clientAddress the client's address for rate limiting, or null
 */
public record Registration(
    String identifier, String password, String name, Set<String> roles, String clientAddress) {

  public Registration {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(password, "password");
    roles = Set.copyOf(roles);
  }

  /** A registration with no name, no roles and no client address. */
  public static Registration of(String identifier, String password) {
    return new Registration(identifier, password, null, Set.of(), null);
  }

  @Override
  public String toString() {
    return "Registration[identifier="
        + identifier
        + ", password=<redacted>, name="
        + name
        + ", roles="
        + roles
        + ", clientAddress="
        + clientAddress
        + "]";
  }
}
