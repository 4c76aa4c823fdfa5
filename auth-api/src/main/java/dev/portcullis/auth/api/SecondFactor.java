package dev.portcullis.auth.api;

import dev.portcullis.auth.api.model.Enrolment;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.User;
import java.util.List;
import java.util.Map;

/**
 * One kind of second factor (TOTP now, WebAuthn later): enrol, confirm, challenge, verify, revoke,
 * list. A login whose user has an active factor of any bound kind waits for one of them.
 *
 * <p>Implementations must be thread-safe and answer expected failures with {@code Err}: {@code
 * invalid_mfa_code} (wrong, replayed or expired response), {@code mfa_not_enrolled}, {@code
 * account_locked} (too many wrong responses for this user), {@code service_unavailable}.
 */
public interface SecondFactor {

  /** The factor type, for example {@code totp}; also the name in a login's {@code methods}. */
  String type();

  /** The RFC 8176 {@code amr} value a verified response adds, for example {@code otp}. */
  String amr();

  /**
   * Starts (or restarts) enrolment: a new pending credential and what the user needs to set it up.
   * A user whose credential of this type is already active is refused with {@code invalid_request}
   * (remove it first).
   */
  Result<Enrolment> enrol(User user);

  /** Activates the pending credential with a first response. */
  Result<FactorCredential> confirm(String userId, String response);

  /**
   * What the client needs to answer a login's challenge (nothing for TOTP; options for WebAuthn).
   */
  Result<Map<String, Object>> challenge(String userId);

  /** Checks a response for the user's active credential; a response is accepted at most once. */
  Result<Void> verify(String userId, String response);

  /** Removes the user's credential of this type; answers whether there was one. */
  Result<Boolean> revoke(String userId);

  /** The user's credentials of this type, pending or active (secrets stay opaque). */
  List<FactorCredential> list(String userId);
}
