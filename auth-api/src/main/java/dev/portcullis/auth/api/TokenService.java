package dev.portcullis.auth.api;

import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;

/**
 * Issues, verifies, refreshes and revokes tokens.
 *
 * <p>Implementations must be thread-safe. Every method answers expected failures with {@code Err}
 * ({@code token_*} codes, {@code refresh_token_reused}, {@code invalid_credentials} when a refresh
 * finds the user disabled, {@code service_unavailable} when a store cannot answer) and never throws
 * for them.
 */
public interface TokenService {

  /**
   * Starts a session for a successful authentication and issues its first access and refresh token.
   * Refuses with {@code invalid_credentials}, and leaves no live session, when the user is disabled
   * or its credentials version is no longer {@link Authentication#credentialsVersion()} (a password
   * change or reset landed after the password was checked): implementations check after the session
   * exists, so the check cannot be outrun by a change that ends "the other sessions".
   */
  Result<TokenPair> issue(Authentication authentication);

  /**
   * Verifies an access token: signature, algorithm, header, issuer, audience, type, time claims and
   * revocation (of the token, its session and its user). A refresh token is refused with {@code
   * token_type}.
   */
  Result<Principal> verify(String accessToken);

  /**
   * Exchanges a refresh token for a new pair and marks it used, atomically. Presenting a used
   * refresh token again revokes its whole session and answers {@code refresh_token_reused}. The
   * user is reloaded: a disabled user gets {@code invalid_credentials}; changed roles show up in
   * the new access token.
   */
  Result<TokenPair> refresh(String refreshToken);

  /**
   * Logs out the session of a verified principal: its access token stays revoked until it would
   * have expired, and the session's refresh tokens stop working.
   */
  Result<Void> revoke(Principal principal);

  /**
   * Ends one active session of a user, as a logout of that session would: its refresh tokens stop
   * working and its access tokens are revoked until they would have expired. Errors: {@code
   * not_found} when the user has no such active session (another user's session, an ended one, or
   * an id no session can have), {@code service_unavailable}.
   */
  Result<Void> revokeSession(String userId, String sessionId);

  /**
   * Logs a user out everywhere: every token of the user issued up to now is revoked and every
   * session ends.
   */
  Result<Void> revokeAll(String userId);
}
