package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.SessionOfUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.TokenClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions and their token pairs, shared by the first-party {@code TokenService} and the OAuth
 * token endpoint so that both start, rotate and end sessions by the same rules: a session starts
 * only if the user is still enabled and its credentials did not move after the password check; a
 * refresh rotates atomically in the {@link SessionStore}, a reused refresh token ends the session,
 * and a refresh token is used only by the party it was issued to (the first-party API for a login's
 * session, the client for a session granted to an OAuth client). Thread-safe.
 *
 * <p><b>Revocation of refresh tokens is answered by the session row</b>, which a refresh reads and
 * rotates anyway, not by the {@link TokenBlacklist}: every way a refresh token is revoked ends its
 * session in the {@link SessionStore} (logout and {@link #endSession}, detected reuse inside the
 * rotation, log out everywhere, password change and disable through {@code revokeAllForUser}), and
 * the blacklist only keeps the access tokens of those sessions out. The one race the row alone
 * would miss, a login whose session is created just after a user-wide cut-off ended the user's
 * sessions, is closed in {@link #start}, which checks the cut-off after creating the session. A
 * refresh is then two store statements: {@link SessionStore#findWithUser} and the rotation.
 */
public final class SessionTokens {
  private static final Logger log = LoggerFactory.getLogger(SessionTokens.class);

  /**
   * What a session is granted to when it is an OAuth client's (null for a first-party login).
   *
   * @param context the client, scope and audience of its access tokens (auth_time and amr are taken
   *     from the session)
   * @param amr the authentication methods of the login
   * @param absoluteLifetime the longest the session may be refreshed, or null
   */
  public record ClientGrant(
      TokenMinter.OAuthContext context, List<String> amr, Duration absoluteLifetime) {
    public ClientGrant {
      Objects.requireNonNull(context, "context");
      amr = amr == null ? List.of() : List.copyOf(amr);
    }
  }

  /**
   * Who presents a refresh token and what it asks for.
   *
   * @param clientId the authenticated client, or null for the first-party API
   * @param scope the scope asked for (empty: as granted); only for a client
   * @param permitted the scopes the client is registered for now, which cut down the granted ones;
   *     only for a client
   * @param audience the audience of the new access token; only for a client
   * @param retryGrace the retry grace of the rotation (zero: off)
   */
  public record Presenter(
      String clientId,
      Set<String> scope,
      Set<String> permitted,
      List<String> audience,
      Duration retryGrace) {
    public Presenter {
      scope = scope == null ? Set.of() : Set.copyOf(scope);
      permitted = permitted == null ? Set.of() : Set.copyOf(permitted);
      audience = audience == null ? List.of() : List.copyOf(audience);
      Objects.requireNonNull(retryGrace, "retryGrace");
    }

    /** The first-party API. */
    public static Presenter firstParty() {
      return new Presenter(null, Set.of(), Set.of(), List.of(), Duration.ZERO);
    }

    boolean isClient() {
      return clientId != null;
    }
  }

  /** A session's new tokens. */
  public record Issued(
      TokenMinter.Minted access, TokenMinter.Minted refresh, Session session, Set<String> scope) {}

  private final JwtSettings settings;
  private final KeyRing ring;
  private final TokenMinter minter;
  private final TokenExaminer refreshExaminer;
  private final SessionStore sessions;
  private final TokenBlacklist blacklist;
  private final UserStore users;
  private final AuthEvents events;
  private final TokenClaims extraClaims;
  private final Clock clock;

  /**
   * @param ring the signing keys, or null where this service only verifies: then only {@link
   *     #endSession} may be called
   */
  public SessionTokens(
      JwtSettings settings,
      KeyRing ring,
      SessionStore sessions,
      TokenBlacklist blacklist,
      UserStore users,
      AuthEvents events,
      TokenClaims extraClaims,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ring = ring;
    this.minter = new TokenMinter(settings.issuer(), settings.audiences());
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.blacklist = Objects.requireNonNull(blacklist, "blacklist");
    this.users = Objects.requireNonNull(users, "users");
    this.events = Objects.requireNonNull(events, "events");
    this.extraClaims = Objects.requireNonNull(extraClaims, "extraClaims");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refreshExaminer =
        ring == null
            ? null
            : new TokenExaminer(
                ring,
                ring.refreshKeys(),
                null,
                new TokenExaminer.Policy(
                    settings.issuer(),
                    settings.audiences(),
                    settings.leeway(),
                    settings.maxTokenSize()),
                // Revocation of a refresh token is its session's state, read by every caller of
                // this examiner (refresh, OAuth revocation and introspection): see the class doc.
                TokenBlacklist.none(),
                clock);
  }

  /** The minter, for tokens without a session (client credentials). */
  TokenMinter minter() {
    return minter;
  }

  /** The examiner of refresh tokens. */
  TokenExaminer refreshExaminer() {
    return refreshExaminer;
  }

  /**
   * Starts a session for {@code authentication}, for a first-party login ({@code grant} null) or an
   * OAuth client. Refuses with {@code invalid_credentials}, leaving no live session, when the user
   * is disabled or its credentials moved after the password check.
   */
  public Result<Issued> start(Authentication authentication, ClientGrant grant) {
    User user = authentication.user();
    if (!user.enabled()) {
      return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    }
    Instant now = clock.instant();
    String sessionId = TokenMinter.randomId();
    String refreshId = TokenMinter.randomId();
    Instant absolute =
        grant == null || grant.absoluteLifetime() == null
            ? null
            : now.plus(grant.absoluteLifetime()).truncatedTo(ChronoUnit.SECONDS);
    Instant refreshExp = refreshExpiry(now, absolute);
    Session session =
        Session.start(
            sessionId,
            user.id(),
            refreshId,
            now,
            refreshExp,
            authentication.clientAddress(),
            authentication.userAgent(),
            authentication.credentialsVersion());
    if (grant == null) {
      // A first-party login keeps how the user authenticated (["pwd", "otp"] after a second
      // factor), for the session and its access tokens.
      session = session.withGrant(null, Set.of(), session.authTime(), authentication.amr(), null);
    } else {
      session =
          session.withGrant(
              grant.context().clientId(),
              grant.context().scope(),
              authentication.authenticatedAt(),
              grant.amr(),
              absolute);
    }
    Session started = session;
    return Result.catching(
        () -> {
          sessions.create(started);
          // Re-read after the session exists: a password change, reset or disable that landed since
          // the password was checked either shows here (and this session ends), or runs after the
          // session was created and ends it itself.
          Optional<StoredUser> current = users.findById(user.id());
          if (current.isEmpty()
              || !current.get().user().enabled()
              || current.get().credentialsVersion() != authentication.credentialsVersion()) {
            endSession(started, now);
            log.debug("no session for user {}: its password changed or it was disabled", user.id());
            return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
          }
          // Log out everywhere records the user-wide cut-off, then ends the user's sessions. A
          // session created after that ended none of them, but issued at or before the cut-off,
          // would outlive it (refresh reads only the session row): it ends here instead. Either
          // this check sees the cut-off, or the session existed before the sessions were ended.
          if (blacklist
              .check(
                  Revocations.issuerKey(settings.issuer()),
                  refreshId,
                  user.id(),
                  null,
                  TokenMinter.issuedAt(now))
              .isPresent()) {
            endSession(started, now);
            log.debug("no session for user {}: all its sessions were ended meanwhile", user.id());
            return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
          }
          Set<String> scope = grant == null ? Set.of() : grant.context().scope();
          List<String> audience = grant == null ? null : grant.context().audience();
          return Result.ok(
              mint(current.get().user(), started, refreshId, refreshExp, scope, audience, now));
        });
  }

  /**
   * Rotates {@code refreshToken} for {@code presenter}. The first-party API answers {@code token_*}
   * refusals (as {@code TokenService.refresh} documents); a client answers {@code invalid_grant}
   * (RFC 6749 section 5.2), and {@code invalid_scope} for a scope beyond the granted one.
   */
  public Result<Issued> refresh(String refreshToken, Presenter presenter) {
    TokenExaminer.Examination ex =
        refreshExaminer.examine(refreshToken, TokenExaminer.Use.REFRESH, Findings.firstOnly());
    if (!ex.valid()) {
      if (ex.unavailable().isPresent()) {
        return Result.err(ex.unavailable().get());
      }
      return refused(presenter, ex.error());
    }
    Principal token = ex.principal();
    String sessionId = token.sessionId();
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          // The session's row and its user's, in one read where the store can: the row answers
          // whether the token is revoked (see the class doc), the user whether it may go on.
          Optional<SessionOfUser> found = sessions.findWithUser(sessionId, users);
          if (found.isEmpty() || !found.get().session().userId().equals(token.subject())) {
            return refused(
                presenter,
                new AuthError.TokenRejected(
                    TokenFailure.REVOKED, "Session '" + sessionId + "' no longer exists."));
          }
          Optional<Session> session = Optional.of(found.get().session());
          if (!Objects.equals(session.get().clientId(), presenter.clientId())) {
            // Not the party it was issued to: refused without touching the session (the presenter
            // may be an attacker trying to end someone else's session).
            log.debug("refresh token of session {} presented by another party", sessionId);
            return refused(
                presenter,
                new AuthError.TokenRejected(
                    TokenFailure.REVOKED,
                    presenter.isClient()
                        ? "This refresh token was not issued to this client."
                        : "This refresh token belongs to an OAuth client; only that client can"
                            + " use it, at the token endpoint."));
          }
          if (session.get().revokedAt() != null) {
            // Ended (logout, log out everywhere, password change, disable, detected reuse): the
            // answer the blacklist gave before the session row answered revocation.
            return refused(
                presenter,
                new AuthError.TokenRejected(
                    TokenFailure.REVOKED,
                    "Session '"
                        + sessionId
                        + "' was ended at "
                        + session.get().revokedAt()
                        + " (logout, or a refresh token of this session was used twice)."));
          }
          Set<String> scope = Set.of();
          if (presenter.isClient()) {
            Set<String> granted = session.get().scope();
            if (!granted.containsAll(presenter.scope())) {
              return Result.err(
                  new AuthError.Plain(
                      ErrorKind.INVALID_SCOPE,
                      "The refresh asks for scope beyond what was granted; ask for a subset of '"
                          + String.join(" ", new java.util.TreeSet<>(granted))
                          + "', or omit scope."));
            }
            Set<String> asked = presenter.scope().isEmpty() ? granted : presenter.scope();
            Set<String> kept = new java.util.TreeSet<>(asked);
            kept.retainAll(presenter.permitted());
            if (kept.isEmpty() && !asked.isEmpty()) {
              return Result.err(
                  new AuthError.Plain(
                      ErrorKind.INVALID_SCOPE,
                      "The client is no longer registered for any scope of this grant."));
            }
            scope = kept;
          }
          Optional<StoredUser> stored = Optional.ofNullable(found.get().user());
          if (stored.isEmpty() || !stored.get().user().enabled()) {
            // A disabled or deleted user gets nothing, and the session stays ended if re-enabled.
            endSession(session.get(), now);
            return presenter.isClient()
                ? Result.err(
                    new AuthError.Plain(
                        ErrorKind.INVALID_GRANT, "The user of this grant is disabled or gone."))
                : Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
          }
          User user = stored.get().user();
          // A session started under an older password (one that outlived a change whose ending
          // of sessions failed half-way) ends here instead of being refreshed.
          if (session.get().credentialsVersion() != stored.get().credentialsVersion()) {
            endSession(session.get(), now);
            log.debug("session {} predates a password change: ended at refresh", sessionId);
            return presenter.isClient()
                ? Result.err(
                    new AuthError.Plain(
                        ErrorKind.INVALID_GRANT,
                        "The user's password changed since this grant; sign in again."))
                : Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
          }
          Instant absolute = session.get().absoluteExpiresAt();
          String nextId = TokenMinter.randomId();
          Instant nextExp = refreshExpiry(now, absolute);
          RefreshRotation rotation =
              sessions.rotateRefreshToken(
                  sessionId, token.tokenId(), nextId, now, nextExp, presenter.retryGrace());
          List<String> audience = presenter.isClient() ? presenter.audience() : null;
          Set<String> granted = scope;
          return switch (rotation) {
            case ROTATED -> {
              Session current = session.orElseThrow().rotated(nextId, now, nextExp);
              Issued issued = mint(user, current, nextId, nextExp, granted, audience, now);
              events.publish(new AuthEvent.TokenRefreshed(now, user.id(), sessionId));
              yield Result.ok(issued);
            }
            case RETRIED -> {
              // The previous refresh token, retried within the grace window: the same single
              // successor (the session's current refresh-token id) again.
              Optional<Session> current = sessions.find(sessionId);
              if (current.isEmpty() || !current.get().isActive(now)) {
                yield refused(
                    presenter,
                    new AuthError.TokenRejected(
                        TokenFailure.REVOKED, "Session '" + sessionId + "' was ended."));
              }
              Session s = current.get();
              yield Result.ok(
                  mint(user, s, s.refreshTokenId(), s.expiresAt(), granted, audience, now));
            }
            case REUSED -> {
              blacklist.revokeSession(sessionId, now, keepSessionUntil(session, now));
              events.publish(new AuthEvent.RefreshTokenReused(now, user.id(), sessionId, null));
              log.warn(
                  "Refresh token reuse in session {} of user {}: the session is revoked",
                  sessionId,
                  user.id());
              yield refused(
                  presenter,
                  new AuthError.TokenRejected(
                      TokenFailure.REFRESH_TOKEN_REUSED,
                      "This refresh token was already exchanged; as a precaution session '"
                          + sessionId
                          + "' and every token of it are now revoked."));
            }
            case REVOKED ->
                refused(
                    presenter,
                    new AuthError.TokenRejected(
                        TokenFailure.REVOKED,
                        "Session '" + sessionId + "' was ended (logout or detected reuse)."));
            case EXPIRED ->
                refused(
                    presenter,
                    new AuthError.TokenRejected(
                        TokenFailure.EXPIRED, "Session '" + sessionId + "' has expired."));
            case NOT_FOUND ->
                refused(
                    presenter,
                    new AuthError.TokenRejected(
                        TokenFailure.REVOKED, "Session '" + sessionId + "' no longer exists."));
          };
        });
  }

  /** A client sees every refusal of its refresh token as {@code invalid_grant}. */
  private static <T> Result<T> refused(Presenter presenter, AuthError error) {
    if (!presenter.isClient()) {
      return Result.err(error);
    }
    return Result.err(new AuthError.Plain(ErrorKind.INVALID_GRANT, error.message()));
  }

  /** Ends a session and revokes its tokens. */
  public void endSession(String sessionId, Instant now) {
    Instant keep = keepSessionUntil(sessions.find(sessionId), now);
    sessions.revoke(sessionId, now);
    blacklist.revokeSession(sessionId, now, keep);
  }

  /** Ends {@code session}, just read, and revokes its tokens. */
  private void endSession(Session session, Instant now) {
    Instant keep = keepSessionUntil(Optional.of(session), now);
    sessions.revoke(session.id(), now);
    blacklist.revokeSession(session.id(), now, keep);
  }

  /** Until when a revoked session's tokens could still be presented. */
  public Instant keepSessionUntil(Optional<Session> session, Instant now) {
    Instant floor = now.plus(settings.refreshTokenTtl());
    Instant until = session.map(Session::expiresAt).filter(t -> t.isAfter(floor)).orElse(floor);
    return until.plus(settings.leeway());
  }

  private Instant refreshExpiry(Instant now, Instant absolute) {
    Instant exp = now.plus(settings.refreshTokenTtl()).truncatedTo(ChronoUnit.SECONDS);
    return absolute != null && absolute.isBefore(exp) ? absolute : exp;
  }

  private Issued mint(
      User user,
      Session session,
      String refreshId,
      Instant refreshExp,
      Set<String> scope,
      List<String> audience,
      Instant now) {
    JwtKey key = ring.active();
    Instant accessExp = now.plus(settings.accessTokenTtl());
    if (accessExp.isAfter(refreshExp)) {
      accessExp = refreshExp;
    }
    Map<String, Object> extra = extraClaims.claimsFor(user);
    if (extra == null) {
      extra = Map.of();
    }
    for (String name : extra.keySet()) {
      if (TokenMinter.isProtected(name)) {
        log.warn(
            "TokenClaims returned the reserved claim '{}'; it is ignored (Portcullis sets it)",
            name);
      }
    }
    TokenMinter.OAuthContext oauth =
        session.clientId() == null
            ? null
            : new TokenMinter.OAuthContext(
                session.clientId(), scope, audience, session.authTime(), session.amr());
    TokenMinter.Minted access =
        minter.access(
            key,
            user.id(),
            session.id(),
            user.roles(),
            extra,
            now,
            accessExp,
            oauth,
            session.amr());
    TokenMinter.Minted refresh =
        minter.refresh(key, user.id(), session.id(), refreshId, now, refreshExp);
    return new Issued(access, refresh, session, scope);
  }
}
