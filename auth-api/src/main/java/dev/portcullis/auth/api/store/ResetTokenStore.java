package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.ResetToken;
import java.time.Instant;
import java.util.Optional;

/** Password-reset tokens, stored only as SHA-256 hashes. See the package rules. */
public interface ResetTokenStore {

  /**
   * Stores a token hash.
   *
   * @throws IllegalArgumentException if the hash is already stored
   */
  void save(ResetToken token);

  /**
   * Looks a token up without using it: the token if it exists and has not expired at {@code now}. A
   * reset checks the new password (and hashes it) before it consumes the link, so a refused
   * password never costs the user the link and the link is never given back.
   */
  Optional<ResetToken> find(String tokenHash, Instant now);

  /**
   * Uses a token, atomically and once: returns it and deletes it if it exists and has not expired
   * at {@code now}. Of concurrent calls with one hash at most one gets a token.
   */
  Optional<ResetToken> consume(String tokenHash, Instant now);

  /**
   * Deletes every token of a user (after a completed reset or a password change).
   *
   * @return how many were deleted
   */
  int deleteForUser(String userId);

  /**
   * Deletes tokens that expired before {@code cutoff}.
   *
   * @return how many were deleted
   */
  int purge(Instant cutoff);
}
