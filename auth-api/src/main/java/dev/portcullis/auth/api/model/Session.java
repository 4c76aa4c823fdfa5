package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One login: a session and its refresh-token family. Each refresh replaces {@code refreshTokenId};
 * presenting an older refresh token of the family is reuse, except the one rotated away last while
 * a retry grace asked for by the caller lasts (see {@code SessionStore.rotateRefreshToken}).
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
 * @param clientId the OAuth client the session was granted to, or null for a first-party login
 * @param scope the granted scope (RFC 6749 section 3.3 scope tokens), sorted and unmodifiable;
 *     empty for a first-party login
 * @param authTime when the user authenticated ({@code auth_time})
 * @param amr how the user authenticated (RFC 8176 values such as {@code pwd}), in order,
 *     unmodifiable; possibly empty
 * @param absoluteExpiresAt the instant the session ends however often it is refreshed, or null for
 *     no absolute limit; not before {@code createdAt}
 * @param previousRefreshTokenId the refresh-token id rotated away most recently, or null before the
 *     first rotation
 * @param rotatedAt when that rotation happened; null exactly when {@code previousRefreshTokenId} is
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
    long credentialsVersion,
    String clientId,
    Set<String> scope,
    Instant authTime,
    List<String> amr,
    Instant absoluteExpiresAt,
    String previousRefreshTokenId,
    Instant rotatedAt) {

  /** The methods of a first-party login: a password. */
  private static final List<String> PASSWORD = List.of("pwd");

  /**
   * Checks and copies the components.
   *
   * @throws NullPointerException if a required component is null
   * @throws IllegalArgumentException if {@code credentialsVersion} is negative, {@code clientId} is
   *     blank, a scope is not an RFC 6749 scope token, an {@code amr} entry is blank or holds
   *     whitespace, {@code absoluteExpiresAt} is before {@code createdAt}, or only one of {@code
   *     previousRefreshTokenId} and {@code rotatedAt} is set
   */
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
    if (clientId != null && clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must be null or not blank");
    }
    Objects.requireNonNull(scope, "scope");
    // The rule of OAuthClient's scopes; a first-party session shares one empty set.
    scope = scope.isEmpty() ? Set.of() : OAuthClient.scopeSet(scope);
    Objects.requireNonNull(authTime, "authTime");
    Objects.requireNonNull(amr, "amr");
    amr = List.copyOf(amr);
    for (String method : amr) {
      // Stores keep the methods as one space-separated column; RFC 8176 values are short tokens.
      if (method.isBlank()
          || method.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new IllegalArgumentException(
            "an amr entry must be non-blank and hold no whitespace: " + method.strip());
      }
    }
    if (absoluteExpiresAt != null && absoluteExpiresAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("absoluteExpiresAt must not be before createdAt");
    }
    if ((previousRefreshTokenId == null) != (rotatedAt == null)) {
      throw new IllegalArgumentException(
          "previousRefreshTokenId and rotatedAt are set together or not at all");
    }
  }

  /**
   * A new, active first-party session: no client, no scope, authenticated {@code now} with a
   * password ({@code amr} {@code ["pwd"]}), no absolute limit. {@link #withGrant} makes it an OAuth
   * grant.
   */
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
        credentialsVersion,
        null,
        Set.of(),
        now,
        PASSWORD,
        null,
        null,
        null);
  }

  /**
   * This session as granted to an OAuth client.
   *
   * @param clientId the client, or null for a first-party login
   * @param scope the granted scope tokens
   * @param authTime when the user authenticated
   * @param amr how the user authenticated
   * @param absoluteExpiresAt the end however often the session is refreshed, or null for none
   * @throws IllegalArgumentException as the canonical constructor
   */
  public Session withGrant(
      String clientId,
      Set<String> scope,
      Instant authTime,
      List<String> amr,
      Instant absoluteExpiresAt) {
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
        credentialsVersion,
        clientId,
        scope,
        authTime,
        amr,
        absoluteExpiresAt,
        previousRefreshTokenId,
        rotatedAt);
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
        credentialsVersion,
        clientId,
        scope,
        authTime,
        amr,
        absoluteExpiresAt,
        previousRefreshTokenId,
        rotatedAt);
  }

  /**
   * This session after a refresh at {@code now}: {@code nextTokenId} is current until {@code
   * nextExpiresAt}, and the token it replaces is remembered as {@code previousRefreshTokenId},
   * rotated at {@code now}. Stores clamp {@code nextExpiresAt} to {@code absoluteExpiresAt} before
   * calling this; it does not.
   */
  public Session rotated(String nextTokenId, Instant now, Instant nextExpiresAt) {
    Objects.requireNonNull(now, "now");
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
        credentialsVersion,
        clientId,
        scope,
        authTime,
        amr,
        absoluteExpiresAt,
        refreshTokenId,
        now);
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
        version,
        clientId,
        scope,
        authTime,
        amr,
        absoluteExpiresAt,
        previousRefreshTokenId,
        rotatedAt);
  }

  /** When the session was ended, if it was. */
  public Optional<Instant> revoked() {
    return Optional.ofNullable(revokedAt);
  }

  /**
   * Whether the session can still be refreshed at {@code now}: not ended, before {@code expiresAt}
   * and before {@code absoluteExpiresAt}.
   */
  public boolean isActive(Instant now) {
    return revokedAt == null
        && now.isBefore(expiresAt)
        && (absoluteExpiresAt == null || now.isBefore(absoluteExpiresAt));
  }
}
