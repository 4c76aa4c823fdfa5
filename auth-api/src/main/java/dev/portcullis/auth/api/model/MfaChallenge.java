package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A login waiting for its second factor: the password was right, the session is not started yet.
 * The store keeps only the SHA-256 of the challenge token. {@link #toString()} never prints it.
 *
 * @param tokenHash the hex SHA-256 of the 256-bit challenge token
 * @param userId the user who passed the password check
 * @param credentialsVersion the account's credentials version at the password check
 * @param authenticatedAt when the password was checked
 * @param clientAddress the login's client address, or null
 * @param userAgent the login's user agent, or null
 * @param expiresAt when the challenge dies
 * @param failures wrong codes so far
 */
public record MfaChallenge(
    String tokenHash,
    String userId,
    long credentialsVersion,
    Instant authenticatedAt,
    String clientAddress,
    String userAgent,
    Instant expiresAt,
    int failures) {

  public MfaChallenge {
    Objects.requireNonNull(tokenHash, "tokenHash");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(authenticatedAt, "authenticatedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (failures < 0) {
      throw new IllegalArgumentException("failures must be at least 0");
    }
  }

  @Override
  public String toString() {
    return "MfaChallenge[tokenHash=<redacted>, userId="
        + userId
        + ", expiresAt="
        + expiresAt
        + ", failures="
        + failures
        + "]";
  }
}
