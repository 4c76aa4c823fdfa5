package dev.portcullis.auth.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link CredentialStore} keeps for one {@link CredentialKey}.
 *
 * @param accessToken the access token, or {@code null}
 * @param expiresAt when the access token expires, or {@code null} when there is none
 * @param refreshToken the refresh token, or {@code null}
 * @param scopes the granted scopes
 */
public record StoredCredentials(
    String accessToken, Instant expiresAt, String refreshToken, Set<String> scopes) {

  public StoredCredentials {
    if ((accessToken == null) != (expiresAt == null)) {
      throw new IllegalArgumentException("accessToken and expiresAt go together");
    }
    scopes = Set.copyOf(scopes);
  }

  /** The credentials of a token response. */
  public static StoredCredentials of(Tokens tokens) {
    Objects.requireNonNull(tokens, "tokens");
    return new StoredCredentials(
        tokens.accessToken(), tokens.expiresAt(), tokens.refreshToken(), tokens.scopes());
  }

  /**
   * The credentials after a refresh: the new access token, and the rotated refresh token or, when
   * the server did not rotate it, the one used.
   */
  public StoredCredentials refreshedBy(Tokens tokens) {
    return new StoredCredentials(
        tokens.accessToken(),
        tokens.expiresAt(),
        tokens.refreshToken() != null ? tokens.refreshToken() : refreshToken,
        tokens.scopes());
  }

  /** The same credentials without the refresh token (after {@code invalid_grant}). */
  public StoredCredentials withoutRefreshToken() {
    return new StoredCredentials(accessToken, expiresAt, null, scopes);
  }

  /** Whether nothing usable is left. */
  public boolean isEmpty() {
    return accessToken == null && refreshToken == null;
  }

  /** Never shows a token. */
  @Override
  public String toString() {
    return "StoredCredentials[accessToken="
        + (accessToken == null ? "none" : "present")
        + ", expiresAt="
        + expiresAt
        + ", refreshToken="
        + (refreshToken == null ? "none" : "present")
        + ", scopes="
        + scopes
        + "]";
  }
}
