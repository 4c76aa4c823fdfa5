package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.RecoveryCode;
import java.util.List;
import java.util.Optional;

/**
 * Users' recovery codes, hashed, indexed by user and lookup id so that one attempt costs one hash.
 * See the package rules. Thread-safe; {@link #consume} is atomic: of concurrent calls for one code,
 * exactly one returns {@code true}.
 */
public interface RecoveryCodeStore {

  /**
   * Replaces every code of the user with {@code codes}, atomically (a regeneration voids the old
   * set).
   *
   * @throws IllegalArgumentException if a code belongs to another user or two share a lookup id
   */
  void replaceAll(String userId, List<RecoveryCode> codes);

  /** The user's unused code with {@code lookupId}. */
  Optional<RecoveryCode> find(String userId, String lookupId);

  /**
   * Marks the code used by removing it.
   *
   * @return {@code true} for the one caller that removed it
   */
  boolean consume(String userId, String lookupId);

  /** How many unused codes the user has. */
  int remaining(String userId);

  /**
   * Removes every code of the user.
   *
   * @return how many were removed
   */
  int deleteAll(String userId);
}
