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
   * Sets a new password, atomically and only if the account's credentials version is still {@code
   * expectedVersion}: the hash is replaced, {@code passwordChangedAt} becomes {@code changedAt} and
   * the version grows by one. Of concurrent calls with the same expected version at most one
   * succeeds, so a password change and a reset (or two resets) that both read version n cannot both
   * win.
   *
   * @return false if there is no such user or its version is no longer {@code expectedVersion}
   */
  boolean setPassword(String userId, long expectedVersion, String newHash, Instant changedAt);

  /**
   * Records that control of the account's e-mail address was proven.
   *
   * @return false if there is no such user
   */
  boolean markEmailVerified(String userId);

  /**
   * Replaces the hash only if it is still {@code expectedHash} (a rehash to stronger settings after
   * login, which must not overwrite a concurrent password change). The password-change instant and
   * the credentials version are unchanged.
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
