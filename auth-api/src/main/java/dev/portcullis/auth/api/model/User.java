package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user account as applications see it. It deliberately carries no password hash (see {@link
 * StoredUser}), so it is safe to serialise.
 *
 * @param id stable opaque id, the {@code sub} of tokens
 * @param identifier the normalised login identifier (an e-mail address, lower-cased)
 * @param email the e-mail address, or null
 * @param name display name, or null
 * @param roles role names, never null
 * @param enabled whether the account may log in
 * @param createdAt when the account was created
 * @param passwordChangedAt when the password was last set
 * @param emailVerified whether control of the e-mail address was proven (by a completed password
 *     reset, an identity provider through user sync, or an operator who created the account); a
 *     self-registered address is unproven until then
 */
public record User(
    String id,
    String identifier,
    String email,
    String name,
    Set<String> roles,
    boolean enabled,
    Instant createdAt,
    Instant passwordChangedAt,
    boolean emailVerified) {

  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identifier, "identifier");
    roles = Set.copyOf(roles);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(passwordChangedAt, "passwordChangedAt");
  }

  /** The e-mail address, if any. */
  public Optional<String> emailAddress() {
    return Optional.ofNullable(email);
  }

  /** The display name, if any. */
  public Optional<String> displayName() {
    return Optional.ofNullable(name);
  }

  /** This user with {@code enabled} set as given. */
  public User withEnabled(boolean enabled) {
    return new User(
        id, identifier, email, name, roles, enabled, createdAt, passwordChangedAt, emailVerified);
  }

  /** This user with the given roles. */
  public User withRoles(Set<String> roles) {
    return new User(
        id, identifier, email, name, roles, enabled, createdAt, passwordChangedAt, emailVerified);
  }

  /** This user with {@code emailVerified} set as given. */
  public User withEmailVerified(boolean emailVerified) {
    return new User(
        id, identifier, email, name, roles, enabled, createdAt, passwordChangedAt, emailVerified);
  }
}
