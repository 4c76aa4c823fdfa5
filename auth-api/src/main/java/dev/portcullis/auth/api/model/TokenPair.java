package dev.portcullis.auth.api.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An access token and its refresh token, issued together for one session. {@link #toString()} never
 * prints either token.
 *
 * @param accessToken the access token (compact JWS)
 * @param accessTokenExpiresAt when the access token expires
 * @param refreshToken the refresh token (compact JWS), single use
 * @param refreshTokenExpiresAt when the refresh token expires
 * @param sessionId the session (refresh-token family) both belong to
 */
public record TokenPair(
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt,
    String sessionId) {

  public TokenPair {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    Objects.requireNonNull(refreshToken, "refreshToken");
    Objects.requireNonNull(refreshTokenExpiresAt, "refreshTokenExpiresAt");
    Objects.requireNonNull(sessionId, "sessionId");
  }

  /** Always {@code Bearer}. */
  public String tokenType() {
    return "Bearer";
  }

  /** Whole seconds from {@code now} until the access token expires, never negative. */
  public long accessExpiresInSeconds(Instant now) {
    return Math.max(0, Duration.between(now, accessTokenExpiresAt).toSeconds());
  }

  /** Whole seconds from {@code now} until the refresh token expires, never negative. */
  public long refreshExpiresInSeconds(Instant now) {
    return Math.max(0, Duration.between(now, refreshTokenExpiresAt).toSeconds());
  }

  @Override
  public String toString() {
    return "TokenPair[accessToken=<redacted>, accessTokenExpiresAt="
        + accessTokenExpiresAt
        + ", refreshToken=<redacted>, refreshTokenExpiresAt="
        + refreshTokenExpiresAt
        + ", sessionId="
        + sessionId
        + "]";
  }
}
