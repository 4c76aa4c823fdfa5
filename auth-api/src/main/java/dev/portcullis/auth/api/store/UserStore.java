package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** User accounts by id and by normalised identifier. See the package rules. */
public interface UserStore {

  /**
   * Creates an account. Of many concurrent creations with one identifier exactly one succeeds; the
   * others get {@code identifier_taken}.
   *
   * @return the created user, or {@code Err(identifier_taken)}
   */
  Result<User> create(NewUser user);

  /** The account with this id, with its hash. */
  Optional<StoredUser> findById(String userId);

  /** The account with this normalised identifier, with its hash. */
  Optional<StoredUser> findByIdentifier(String identifier);

  /**
   * Sets a new password hash and records when the password changed.
   *
   * @return false if there is no such user
   */
  boolean setPassword(String userId, String newHash, Instant changedAt);

  /**
   * Replaces the hash only if it is still {@code expectedHash} (a rehash to stronger settings after
   * login, which must not overwrite a concurrent password change). The password-change instant is
   * unchanged.
   *
   * @return whether the hash was replaced
   */
  boolean replaceHash(String userId, String expectedHash, String newHash);

  /**
   * Enables or disables an account.
   *
   * @return false if there is no such user
   */
  boolean setEnabled(String userId, boolean enabled);

  /**
   * Replaces the roles of an account.
   *
   * @return false if there is no such user
   */
  boolean setRoles(String userId, Set<String> roles);

  /**
   * A page of accounts ordered by creation time, then id.
   *
   * @param offset accounts to skip, at least 0
   * @param limit most accounts to return, 1 to 1000
   */
  List<User> list(int offset, int limit);
}
