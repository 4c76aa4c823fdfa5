package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * OAuth device authorization grants (RFC 8628), stored only as SHA-256 hashes of the device code
 * and the user code. See the package rules.
 *
 * <p>Thread-safe. {@link #approve}, {@link #deny} and {@link #poll} are each one atomic step in the
 * store, on any number of instances sharing it: of concurrent approvals exactly one returns true,
 * and of concurrent polls after approval exactly one gets {@link DevicePoll.Approved}. A store that
 * cannot answer throws {@link dev.portcullis.auth.api.error.ServiceUnavailableException} (callers
 * refuse the grant: fail closed).
 */
public interface DeviceGrantStore {

  /** How much the interval grows on a {@code slow_down} (RFC 8628 section 3.5). */
  Duration SLOW_DOWN_STEP = DeviceGrant.SLOW_DOWN_STEP;

  /**
   * Stores a new grant.
   *
   * @throws IllegalArgumentException if its device-code or user-code hash is stored already, or a
   *     value does not fit the store (nothing is stored)
   */
  void save(DeviceGrant grant);

  /**
   * The pending grant with this user-code hash, if it has not expired at {@code now}.
   *
   * @throws IllegalArgumentException if {@code userCodeHash} is not a SHA-256 hex digest
   */
  Optional<DeviceGrant> findByUserCode(String userCodeHash, Instant now);

  /**
   * Approves a pending, unexpired grant for a user who authenticated with a password ({@code amr
   * ["pwd"]}), atomically; see the method with {@code amr}.
   */
  default boolean approve(
      String userCodeHash,
      String userId,
      String sessionId,
      Instant authTime,
      long credentialsVersion,
      Instant now) {
    return approve(
        userCodeHash, userId, sessionId, authTime, credentialsVersion, List.of("pwd"), now);
  }

  /**
   * Approves a pending, unexpired grant for a user, atomically, keeping how the user authenticated
   * ({@code amr}, RFC 8176) for the tokens the device's poll gets.
   *
   * @return true if this call approved it; false if it is unknown, expired or no longer pending
   * @throws IllegalArgumentException if an argument is missing or malformed (nothing changes)
   */
  boolean approve(
      String userCodeHash,
      String userId,
      String sessionId,
      Instant authTime,
      long credentialsVersion,
      List<String> amr,
      Instant now);

  /**
   * Denies a pending, unexpired grant, atomically.
   *
   * @return true if this call denied it; false if it is unknown, expired or no longer pending
   * @throws IllegalArgumentException if {@code userCodeHash} is not a SHA-256 hex digest
   */
  boolean deny(String userCodeHash, Instant now);

  /**
   * A device's poll, as one atomic step: {@link DevicePoll.Invalid} for an unknown or consumed
   * code; {@link DevicePoll.Expired} at or after the expiry; {@link DevicePoll.SlowDown} when the
   * poll comes before {@code lastPolledAt + interval - tolerance} (the stored interval grows by
   * {@link #SLOW_DOWN_STEP}, once for early polls in a row; the first poll is never throttled; the
   * rule is {@link DeviceGrant#poll}); otherwise {@link DevicePoll.Pending}, {@link
   * DevicePoll.Denied}, or {@link DevicePoll.Approved} on the first poll after approval, which
   * consumes the grant. Every poll but an invalid one records {@code now} as the last poll.
   *
   * @throws IllegalArgumentException if {@code deviceCodeHash} is not a SHA-256 hex digest or
   *     {@code tolerance} is negative
   */
  DevicePoll poll(String deviceCodeHash, Instant now, Duration tolerance);

  /**
   * Forgets grants, in any status, that expired before {@code cutoff}.
   *
   * @return how many were forgotten
   */
  int purge(Instant cutoff);
}
