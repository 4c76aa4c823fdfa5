package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * A user together with its password hash, as a {@code UserStore} returns it. Only the core's login
 * and password services should see this type. {@link #toString()} never prints the hash.
 *
 * @param user the account
 * @param passwordHash the self-describing hash string ({@code $argon2id$...}, {@code $2b$...})
 * @param credentialsVersion starts at 0 and grows by one with every password change or reset (never
 *     with a rehash of the same password). Whatever was derived from a password (a session, a reset
 *     link) remembers the version it was derived under and is dead once it moved.
 */
public record StoredUser(User user, String passwordHash, long credentialsVersion) {

  public StoredUser {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordHash, "passwordHash");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
  }

  /** This account with another hash of the same password (a rehash): the version stays. */
  public StoredUser withHash(String newHash) {
    return new StoredUser(user, newHash, credentialsVersion);
  }

  /** This account with its user replaced (enabled, roles...): hash and version stay. */
  public StoredUser withUser(User newUser) {
    return new StoredUser(newUser, passwordHash, credentialsVersion);
  }

  @Override
  public String toString() {
    return "StoredUser[user="
        + user
        + ", passwordHash=<redacted>, credentialsVersion="
        + credentialsVersion
        + "]";
  }
}
