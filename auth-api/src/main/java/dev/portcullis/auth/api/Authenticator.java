package dev.portcullis.auth.api;

import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;

/**
 * Checks an identifier and password.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Authenticator {

  /**
   * Authenticates one login attempt.
   *
   * <p>Returns {@code Ok} with the authenticated user, or {@code Err} with:
   *
   * <ul>
   *   <li>{@code invalid_credentials}: unknown identifier, disabled account or wrong password, all
   *       alike and taking the same time, so a caller cannot tell them apart;
   *   <li>{@code account_locked}: too many recent failures for this identifier, with the time the
   *       lock ends; no password is checked;
   *   <li>{@code rate_limited}: too many attempts from this client address; no password is checked;
   *   <li>{@code invalid_request}: a blank identifier or an oversized password; nothing is counted;
   *   <li>{@code service_unavailable}: a store could not answer; the login fails closed.
   * </ul>
   *
   * Never throws for any of these.
   */
  Result<Authentication> authenticate(LoginRequest request);
}
