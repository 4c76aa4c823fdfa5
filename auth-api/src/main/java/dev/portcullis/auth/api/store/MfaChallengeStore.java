package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.MfaChallenge;
import java.time.Instant;
import java.util.Optional;

/**
 * Logins waiting for their second factor, keyed by the hash of the challenge token. See the package
 * rules. Thread-safe; {@link #recordFailure} and {@link #complete} are atomic in the store.
 */
public interface MfaChallengeStore {

  /**
   * Stores a new challenge.
   *
   * @throws IllegalArgumentException if a challenge with this token hash exists
   */
  void create(MfaChallenge challenge);

  /** The challenge, if it exists, is not expired at {@code now} and not completed. */
  Optional<MfaChallenge> find(String tokenHash, Instant now);

  /**
   * Counts a wrong code. When the count reaches {@code maxFailures} the challenge is removed.
   *
   * @return the failures counted now, or -1 when there was no live challenge
   */
  int recordFailure(String tokenHash, int maxFailures, Instant now);

  /**
   * Completes the challenge by removing it.
   *
   * @return {@code true} for the one caller that removed a live challenge
   */
  boolean complete(String tokenHash, Instant now);

  /**
   * Removes every challenge of the user (a factor was removed or reset).
   *
   * @return how many were removed
   */
  int deleteAll(String userId);

  /**
   * Forgets challenges that expired before {@code cutoff}.
   *
   * @return how many were forgotten
   */
  int purge(Instant cutoff);
}
