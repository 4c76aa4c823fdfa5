package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@code UserStore} needs to create an account. The id is chosen by the caller (a random
 * UUID), so stores need no sequence. {@link #toString()} never prints the hash.
 *
 * @param id the new account's id
 * @param identifier the normalised login identifier, unique in the store
 * @param email e-mail address, or null
 * @param name display name, or null
 * @param passwordHash the hash of the initial password
 * @param roles role names
 * @param createdAt creation instant, also the instant the password was set
 * @param emailVerified whether control of the address is already proven (see {@link
 *     User#emailVerified()}); false for self-registration
 */
public record NewUser(
    String id,
    String identifier,
    String email,
    String name,
    String passwordHash,
    Set<String> roles,
    Instant createdAt,
    boolean emailVerified) {

  public NewUser {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(passwordHash, "passwordHash");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** The account this creates, as the store will return it. */
  public User toUser() {
    return new User(id, identifier, email, name, roles, true, createdAt, createdAt, emailVerified);
  }

  @Override
  public String toString() {
    return "NewUser[id="
        + id
        + ", identifier="
        + identifier
        + ", email="
        + email
        + ", name="
        + name
        + ", passwordHash=<redacted>, roles="
        + roles
        + ", createdAt="
        + createdAt
        + ", emailVerified="
        + emailVerified
        + "]";
  }
}
