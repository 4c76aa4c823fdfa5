package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import java.time.Instant;

/**
 * OAuth authorization codes, stored only as SHA-256 hashes. See the package rules.
 *
 * <p>A code is redeemed once. A used code is remembered until it expires, so that a second
 * redemption is told apart from an unknown code and the caller can revoke everything the first one
 * produced (RFC 6749 section 4.1.2). Thread-safe; {@link #consume} is atomic in the store: of any
 * number of concurrent calls with one hash, on any number of instances sharing the store, exactly
 * one gets {@link CodeRedemption.Redeemed} and the others {@link CodeRedemption.Replayed}. A store
 * that cannot answer throws {@link dev.portcullis.auth.api.error.ServiceUnavailableException}
 * (callers refuse the code: fail closed).
 */
public interface AuthorizationCodeStore {

  /**
   * Stores a new, unused code.
   *
   * @throws IllegalArgumentException if the hash is already stored, or a value does not fit the
   *     store (nothing is stored)
   */
  void save(AuthorizationCode code);

  /**
   * Redeems a code, atomically: {@link CodeRedemption.Redeemed} with the code the first time before
   * its expiry, {@link CodeRedemption.Replayed} with the code on every later call before its
   * expiry, {@link CodeRedemption.Invalid} for an unknown hash and at or after the expiry.
   *
   * @throws IllegalArgumentException if {@code codeHash} is blank or not a SHA-256 hex digest
   */
  CodeRedemption consume(String codeHash, Instant now);

  /**
   * Records the session the first redemption of a code started, for a code saved with {@link
   * AuthorizationCode#SESSION_AT_REDEMPTION}: later redemptions then find it in {@link
   * CodeRedemption.Replayed#code()} and revoke it. Atomic with {@link #consume}: a replay that
   * comes before the session is recorded makes this call fail, so that the caller, which started
   * the session, ends it itself.
   *
   * @return true if recorded; false if the code was replayed before, is not redeemed, already has a
   *     session, is unknown or has expired at {@code now} (nothing changes)
   * @throws IllegalArgumentException if {@code codeHash} is not a SHA-256 hex digest or {@code
   *     sessionId} is blank or longer than 255 characters
   */
  boolean attachSession(String codeHash, String sessionId, Instant now);

  /**
   * Forgets codes, used or not, that expired before {@code cutoff}.
   *
   * @return how many were forgotten
   */
  int purge(Instant cutoff);
}
