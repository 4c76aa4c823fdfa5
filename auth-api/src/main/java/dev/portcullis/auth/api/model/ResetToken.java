package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored password-reset token. Only the SHA-256 of the token is stored; the token itself exists
 * only in the message sent to the user.
 *
 * @param tokenHash lower-case hex SHA-256 of the token
 * @param userId the account it resets
 * @param createdAt when it was requested
 * @param expiresAt when it stops working
 * @param credentialsVersion the user's {@link StoredUser#credentialsVersion()} when the link was
 *     issued: the link works only while the version is unchanged, so a password change or another
 *     reset kills it whatever interleaves
 */
public record ResetToken(
    String tokenHash,
    String userId,
    Instant createdAt,
    Instant expiresAt,
    long credentialsVersion) {

  public ResetToken {
    Objects.requireNonNull(tokenHash, "tokenHash");
    if (!tokenHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("tokenHash must be 64 lower-case hex digits (SHA-256)");
    }
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("expiresAt must be after createdAt");
    }
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
  }
}
