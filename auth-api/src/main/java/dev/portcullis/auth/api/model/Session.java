package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One login: a session and its refresh-token family. Each refresh replaces {@code refreshTokenId};
 * presenting an older refresh token of the family is reuse.
 *
 * @param id the session id ({@code sid} in tokens), also the family id
 * @param userId the owner
 * @param refreshTokenId the {@code jti} of the only refresh token that may be used next
 * @param createdAt when the login happened
 * @param lastActiveAt when the session was last refreshed
 * @param expiresAt when the current refresh token, and so the session, expires
 * @param clientAddress the address of the login, or null
 * @param userAgent the user agent of the login, or null
 * @param revokedAt when the session was ended, or null while it is active
 * @param credentialsVersion the account's credentials version the session was started under (see
 *     {@code StoredUser.credentialsVersion}); a refresh refuses and ends the session once the
 *     account's version has moved past it
 */
public record Session(
    String id,
    String userId,
    String refreshTokenId,
    Instant createdAt,
    Instant lastActiveAt,
    Instant expiresAt,
    String clientAddress,
    String userAgent,
    Instant revokedAt,
    long credentialsVersion) {

  public Session {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(refreshTokenId, "refreshTokenId");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(lastActiveAt, "lastActiveAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
  }

  /** A new, active session. */
  public static Session start(
      String id,
      String userId,
      String refreshTokenId,
      Instant now,
      Instant expiresAt,
      String clientAddress,
      String userAgent,
      long credentialsVersion) {
    return new Session(
        id,
        userId,
        refreshTokenId,
        now,
        now,
        expiresAt,
        clientAddress,
        userAgent,
        null,
        credentialsVersion);
  }

  /** This session ended at {@code at}. */
  public Session endedAt(Instant at) {
    Objects.requireNonNull(at, "at");
    return new Session(
        id,
        userId,
        refreshTokenId,
        createdAt,
        lastActiveAt,
        expiresAt,
        clientAddress,
        userAgent,
        at,
        credentialsVersion);
  }

  /** This session after a refresh at {@code now}: {@code nextTokenId} is current until then. */
  public Session rotated(String nextTokenId, Instant now, Instant nextExpiresAt) {
    return new Session(
        id,
        userId,
        nextTokenId,
        createdAt,
        now,
        nextExpiresAt,
        clientAddress,
        userAgent,
        revokedAt,
        credentialsVersion);
  }

  /** This session carried over to another credentials version. */
  public Session withCredentialsVersion(long version) {
    return new Session(
        id,
        userId,
        refreshTokenId,
        createdAt,
        lastActiveAt,
        expiresAt,
        clientAddress,
        userAgent,
        revokedAt,
        version);
  }

  /** When the session was ended, if it was. */
  public Optional<Instant> revoked() {
    return Optional.ofNullable(revokedAt);
  }

  /** Whether the session can still be refreshed at {@code now}. */
  public boolean isActive(Instant now) {
    return revokedAt == null && now.isBefore(expiresAt);
  }
}
