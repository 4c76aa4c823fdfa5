package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.JwtVerifier;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.TokenClaims;
import dev.portcullis.auth.jwt.TrustedIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TokenService} on signed JWTs, with sessions and refresh-token families in a {@link
 * SessionStore} and revocations in a {@link TokenBlacklist}.
 *
 * <p><b>The iat / not-before rule.</b> "Log out everywhere" (and a password change) records a
 * per-user not-before instant {@code nb} = the current instant, at full clock precision; the
 * blacklist revokes every token whose {@code iat <= nb}. Tokens carry {@code iat} with millisecond
 * precision, truncated, so {@code iat} is never later than the real moment of issue. Therefore
 * every token issued before the call has {@code iat <= nb} and is revoked, and a token issued after
 * it is accepted unless it was issued within the very same millisecond (then it is revoked too: the
 * safe side). Whole-second {@code iat}, as most issuers write it, would either keep old tokens of
 * the same second alive or reject new ones issued right after the call.
 *
 * <p><b>Refresh tokens</b> are JWTs ({@code typ refresh+jwt}, with {@code jti} and {@code sid}, so
 * rotation and reuse detection work by {@code jti} in the {@link SessionStore}) MACed with the
 * active key's never-published refresh-token key ({@link JwtKey#refreshKey()}); {@link #refresh}
 * accepts no other key, so a refresh token never passes for an access token with a verifier that
 * holds only the JWKS, and a refresh token signed with a published key is refused.
 *
 * <p><b>Revocation</b> of an access token is looked up in the {@link TokenBlacklist}; of a refresh
 * token, in its session (see {@link SessionTokens}): so every revocation here ends the sessions it
 * concerns in the {@link SessionStore} as well.
 *
 * <p>Thread-safe; every state change is one atomic store operation.
 */
public final class JwtTokenService implements TokenService {
  private static final Logger log = LoggerFactory.getLogger(JwtTokenService.class);

  /** The longest session id a store holds. */
  private static final int MAX_SESSION_ID_LENGTH = 255;

  private final JwtSettings settings;
  private final KeyRing ring;
  private final JwtVerifier verifier;
  private final SessionTokens sessionTokens;
  private final SessionStore sessions;
  private final TokenBlacklist blacklist;
  private final AuthEvents events;
  private final Clock clock;

  /**
   * @param ring the signing keys, or null when this service only verifies (issuing then answers
   *     {@code service_unavailable})
   */
  public JwtTokenService(
      JwtSettings settings,
      KeyRing ring,
      JwtVerifier verifier,
      SessionStore sessions,
      TokenBlacklist blacklist,
      UserStore users,
      AuthEvents events,
      TokenClaims extraClaims,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ring = ring;
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.blacklist = Objects.requireNonNull(blacklist, "blacklist");
    this.events = Objects.requireNonNull(events, "events");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sessionTokens =
        new SessionTokens(settings, ring, sessions, blacklist, users, events, extraClaims, clock);
  }

  @Override
  public Result<TokenPair> issue(Authentication authentication) {
    if (authentication == null) {
      return Result.err(new AuthError.InvalidRequest("authentication", "is missing"));
    }
    if (ring == null) {
      return verifyOnly();
    }
    return sessionTokens.start(authentication, null).map(JwtTokenService::pair);
  }

  @Override
  public Result<Principal> verify(String accessToken) {
    return verifier.verify(accessToken);
  }

  @Override
  public Result<TokenPair> refresh(String refreshToken) {
    if (ring == null) {
      return verifyOnly();
    }
    return sessionTokens
        .refresh(refreshToken, SessionTokens.Presenter.firstParty())
        .map(JwtTokenService::pair);
  }

  private static TokenPair pair(SessionTokens.Issued issued) {
    return new TokenPair(
        issued.access().token(),
        issued.access().expiresAt(),
        issued.refresh().token(),
        issued.refresh().expiresAt(),
        issued.session().id());
  }

  @Override
  public Result<Void> revoke(Principal principal) {
    if (principal == null) {
      return Result.err(new AuthError.InvalidRequest("principal", "is missing"));
    }
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          if (principal.tokenId() != null) {
            // The same issuer key verification looks up (a trusted issuer's token may have no
            // iss), kept while any profile's leeway could still accept the token. A trusted
            // issuer's token without jti has a token id derived from the token itself (see
            // Revocations).
            Revocations.revokeToken(
                blacklist, principal, now, principal.expiresAt().plus(longestLeeway()));
          }
          if (principal.sessionId() != null) {
            sessionTokens.endSession(principal.sessionId(), now);
          }
          events.publish(
              new AuthEvent.LoggedOut(now, principal.subject(), principal.sessionId(), false));
          return Result.ok();
        });
  }

  @Override
  public Result<Void> revokeSession(String userId, String sessionId) {
    if (userId == null || userId.isBlank()) {
      return Result.err(new AuthError.InvalidRequest("userId", "is missing"));
    }
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          // The stores refuse such ids as programming errors; from a URL they are just not found.
          Optional<Session> found =
              possibleSessionId(sessionId) ? sessions.find(sessionId) : Optional.empty();
          if (found.isEmpty()
              || !found.get().userId().equals(userId)
              || !found.get().isActive(now)) {
            return Result.err(new AuthError.NotFound("session"));
          }
          Instant keep = sessionTokens.keepSessionUntil(found, now);
          sessions.revoke(sessionId, now);
          blacklist.revokeSession(sessionId, now, keep);
          events.publish(new AuthEvent.LoggedOut(now, userId, sessionId, false));
          return Result.ok();
        });
  }

  @Override
  public Result<Void> revokeAll(String userId) {
    if (userId == null || userId.isBlank()) {
      return Result.err(new AuthError.InvalidRequest("userId", "is missing"));
    }
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          // Every token of the user issued up to now expires at the latest now + the longest
          // lifetime, and is accepted up to the leeway after that.
          Duration longest =
              settings.refreshTokenTtl().compareTo(settings.accessTokenTtl()) > 0
                  ? settings.refreshTokenTtl()
                  : settings.accessTokenTtl();
          blacklist.revokeUserBefore(userId, now, now.plus(longest).plus(settings.leeway()));
          sessions.revokeAllForUser(userId, now, null);
          events.publish(new AuthEvent.LoggedOut(now, userId, null, true));
          return Result.ok();
        });
  }

  private Duration longestLeeway() {
    Duration trusted = settings.trusted().map(TrustedIssuer::leeway).orElse(Duration.ZERO);
    return trusted.compareTo(settings.leeway()) > 0 ? trusted : settings.leeway();
  }

  private static boolean possibleSessionId(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() <= MAX_SESSION_ID_LENGTH
        && id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }

  private static <T> Result<T> verifyOnly() {
    return Result.err(
        new AuthError.ServiceUnavailable(
            "token issuing",
            "this service only verifies tokens (auth.token.remote-jwks.url is set); tokens are"
                + " issued, refreshed and revoked by the issuer"));
  }
}
