package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * A user together with its password hash, as a {@code UserStore} returns it. Only the core's login
 * and password services should see this type. {@link #toString()} never prints the hash.
 *
 * @param user the account
 * @param passwordHash the self-describing hash string ({@code $argon2id$...}, {@code $2b$...})
 */
public record StoredUser(User user, String passwordHash) {

  public StoredUser {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(passwordHash, "passwordHash");
  }

  @Override
  public String toString() {
    return "StoredUser[user=" + user + ", passwordHash=<redacted>]";
  }
}
