package dev.portcullis.auth.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The tokens of one successful token response.
 *
 * @param accessToken the access token
 * @param tokenType the token type, {@code Bearer} (or {@code DPoP} when bound)
 * @param expiresAt when the access token expires, by the client's clock
 * @param refreshToken the refresh token, or {@code null} when the server issued none
 * @param idToken the OpenID Connect ID token, or {@code null}
 * @param scopes the granted scopes (the requested ones when the server did not list them)
 */
public record Tokens(
    String accessToken,
    String tokenType,
    Instant expiresAt,
    String refreshToken,
    String idToken,
    Set<String> scopes) {

  public Tokens {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(tokenType, "tokenType");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = Set.copyOf(scopes);
  }

  /** Whether a refresh token came with these tokens. */
  public boolean hasRefreshToken() {
    return refreshToken != null;
  }

  /** Never shows a token. */
  @Override
  public String toString() {
    return "Tokens[tokenType="
        + tokenType
        + ", expiresAt="
        + expiresAt
        + ", refreshToken="
        + (refreshToken == null ? "none" : "present")
        + ", idToken="
        + (idToken == null ? "none" : "present")
        + ", scopes="
        + scopes
        + "]";
  }
}
