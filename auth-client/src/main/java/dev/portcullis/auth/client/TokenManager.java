package dev.portcullis.auth.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Hands out a valid access token: the stored one while it is valid for longer than the skew, else a
 * refreshed one, else (per its {@link LoginStrategy}) a new login.
 *
 * <p>Thread-safe and single-flight: while one refresh is in flight, concurrent callers wait for it
 * and share its result, so a rotated refresh token is never used twice. A rotated refresh token is
 * saved to the {@link CredentialStore} before any caller gets the new access token. A retriable
 * failure keeps every stored credential; only {@code invalid_grant} clears the refresh token.
 */
public final class TokenManager {

  /** The default refresh skew: a token expiring within 30 s is refreshed first. */
  public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

  /** A manager of {@code client}'s tokens kept in {@code store}. */
  public static TokenManager of(OAuthClient client, CredentialStore store, LoginStrategy strategy) {
    return new TokenManager(client, store, strategy, DEFAULT_SKEW);
  }

  private TokenManager(
      OAuthClient client, CredentialStore store, LoginStrategy strategy, Duration skew) {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(skew, "skew");
    throw new UnsupportedOperationException("skeleton");
  }

  /** The same manager refreshing tokens that expire within {@code skew}. */
  public TokenManager withSkew(Duration skew) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** A valid access token, refreshing or logging in as needed. */
  public ClientResult<String> accessToken() {
    throw new UnsupportedOperationException("skeleton");
  }

  /**
   * Refreshes unless another caller already replaced {@code rejectedToken} (the token a resource
   * server just answered {@code invalid_token} to); used by {@link BearerHttp}.
   */
  public ClientResult<String> refreshAfterRejection(String rejectedToken) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Stores the tokens of an explicit login (device or browser) for later calls and runs. */
  public void store(Tokens tokens) {
    throw new UnsupportedOperationException("skeleton");
  }

  /** Forgets every credential of this client (logout); the server is not contacted. */
  public void clear() {
    throw new UnsupportedOperationException("skeleton");
  }
}
