package dev.portcullis.auth.jwt.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.OAuthTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OAuthTokens} on the same key ring, sessions and revocations as the first-party {@code
 * TokenService} ({@link SessionTokens} holds the session rules both follow). Access tokens are
 * examined with any audience (the audience is the resource server's to check) and with clients' own
 * tokens accepted; refresh tokens with the refresh-token key only.
 *
 * <p>An access token introspected once is remembered (at most {@code auth.token.verify-cache-size}
 * tokens, as the verifier's cache), so introspecting it again skips the signature and the claim
 * checks; like the verifier's cache it is still refused as soon as it expires, its key retires or
 * it is revoked: the revocation store is asked on every introspection (no staleness across
 * instances). Thread-safe.
 */
public final class JwtOAuthTokens implements OAuthTokens {
  private static final Logger log = LoggerFactory.getLogger(JwtOAuthTokens.class);

  private final JwtSettings settings;
  private final KeyRing ring;
  private final SessionTokens sessionTokens;
  private final TokenExaminer accessExaminer;
  private final SessionStore sessions;
  private final TokenBlacklist blacklist;
  private final UserStore users;
  private final Clock clock;
  private final Cache<String, IntrospectedAccess> introspected;

  /** An access token found active: what it says, and what must be checked again each time. */
  private record IntrospectedAccess(
      ActiveToken active, Principal principal, JwtKey key, Instant acceptedUntil) {}

  public JwtOAuthTokens(
      JwtSettings settings,
      KeyRing ring,
      SessionTokens sessionTokens,
      SessionStore sessions,
      TokenBlacklist blacklist,
      UserStore users,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ring = Objects.requireNonNull(ring, "ring");
    this.sessionTokens = Objects.requireNonNull(sessionTokens, "sessionTokens");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.blacklist = Objects.requireNonNull(blacklist, "blacklist");
    this.users = Objects.requireNonNull(users, "users");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.accessExaminer =
        new TokenExaminer(
            ring,
            null,
            null,
            new TokenExaminer.Policy(
                settings.issuer(),
                List.of(),
                settings.leeway(),
                settings.maxTokenSize(),
                false,
                true),
            blacklist,
            clock);
    this.introspected =
        settings.verifyCacheSize() > 0
            ? Caffeine.newBuilder()
                .maximumSize(settings.verifyCacheSize())
                .executor(Runnable::run)
                .build()
            : null;
  }

  /**
   * The {@link OAuthTokens} of a service that only verifies (keys from a remote JWKS): every call
   * answers {@code service_unavailable}.
   */
  public static OAuthTokens verifyOnly() {
    AuthError error =
        new AuthError.ServiceUnavailable(
            "OAuth token issuing",
            "this service only verifies tokens (auth.token.remote-jwks.url is set); an"
                + " authorization server needs signing keys");
    return new OAuthTokens() {
      @Override
      public Result<GrantedTokens> forClient(Grant grant) {
        return Result.err(error);
      }

      @Override
      public Result<GrantedTokens> forUser(
          Authentication authentication, Grant grant, List<String> amr, Duration absolute) {
        return Result.err(error);
      }

      @Override
      public Result<GrantedTokens> refresh(
          String refreshToken, Grant grant, Set<String> clientScopes, Duration grace) {
        return Result.err(error);
      }

      @Override
      public Result<Optional<ActiveToken>> introspect(String token) {
        return Result.err(error);
      }

      @Override
      public Result<Void> revoke(String token, String clientId) {
        return Result.err(error);
      }
    };
  }

  @Override
  public Result<GrantedTokens> forClient(Grant grant) {
    Objects.requireNonNull(grant, "grant");
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          JwtKey key = ring.active();
          TokenMinter.Minted access =
              sessionTokens
                  .minter()
                  .access(
                      key,
                      grant.clientId(),
                      null,
                      Set.of(),
                      Map.of(),
                      now,
                      now.plus(settings.accessTokenTtl()),
                      new TokenMinter.OAuthContext(
                          grant.clientId(), grant.scope(), grant.audience(), null, null));
          return Result.ok(
              new GrantedTokens(
                  access.token(), access.expiresAt(), null, null, grant.scope(), null));
        });
  }

  @Override
  public Result<GrantedTokens> forUser(
      Authentication authentication, Grant grant, List<String> amr, Duration absoluteLifetime) {
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(grant, "grant");
    SessionTokens.ClientGrant clientGrant =
        new SessionTokens.ClientGrant(
            new TokenMinter.OAuthContext(
                grant.clientId(),
                grant.scope(),
                grant.audience(),
                authentication.authenticatedAt(),
                amr),
            amr,
            absoluteLifetime);
    return sessionTokens.start(authentication, clientGrant).map(JwtOAuthTokens::granted);
  }

  @Override
  public Result<GrantedTokens> refresh(
      String refreshToken, Grant grant, Set<String> clientScopes, Duration retryGrace) {
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(clientScopes, "clientScopes");
    if (refreshToken == null || refreshToken.isEmpty()) {
      return Result.err(new AuthError.InvalidRequest("refresh_token", "is missing"));
    }
    return sessionTokens
        .refresh(
            refreshToken,
            new SessionTokens.Presenter(
                grant.clientId(), grant.scope(), clientScopes, grant.audience(), retryGrace))
        .map(JwtOAuthTokens::granted);
  }

  private static GrantedTokens granted(SessionTokens.Issued issued) {
    return new GrantedTokens(
        issued.access().token(),
        issued.access().expiresAt(),
        issued.refresh().token(),
        issued.refresh().expiresAt(),
        issued.scope(),
        issued.session().id());
  }

  @Override
  public Result<Optional<ActiveToken>> introspect(String token) {
    if (token == null || token.isEmpty()) {
      return Result.ok(Optional.empty());
    }
    Optional<ActiveToken> remembered = stillActive(token);
    if (remembered.isPresent()) {
      return Result.ok(remembered);
    }
    TokenExaminer.Examination access =
        accessExaminer.examine(token, TokenExaminer.Use.ACCESS, Findings.firstOnly());
    if (access.unavailable().isPresent()) {
      return Result.err(access.unavailable().get());
    }
    if (access.valid()) {
      ActiveToken active = describeAccess(access.principal(), access.claims());
      if (introspected != null) {
        introspected.put(
            token,
            new IntrospectedAccess(
                active,
                access.principal(),
                access.key(),
                access.principal().expiresAt().plus(access.leeway())));
      }
      return Result.ok(Optional.of(active));
    }
    TokenExaminer.Examination refresh = examineRefresh(token);
    if (refresh.unavailable().isPresent()) {
      return Result.err(refresh.unavailable().get());
    }
    if (!refresh.valid()) {
      return Result.ok(Optional.empty());
    }
    Principal p = refresh.principal();
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          Optional<Session> session = sessions.find(p.sessionId());
          if (session.isEmpty()
              || !session.get().isActive(now)
              || !session.get().refreshTokenId().equals(p.tokenId())) {
            return Result.ok(Optional.<ActiveToken>empty());
          }
          Optional<StoredUser> user = users.findById(p.subject());
          if (user.isEmpty()
              || !user.get().user().enabled()
              || user.get().credentialsVersion() != session.get().credentialsVersion()) {
            return Result.ok(Optional.<ActiveToken>empty());
          }
          Session s = session.get();
          Map<String, Object> claims = new LinkedHashMap<>();
          claims.put("auth_time", s.authTime().getEpochSecond());
          if (!s.amr().isEmpty()) {
            claims.put("amr", s.amr());
          }
          return Result.ok(
              Optional.of(
                  new ActiveToken(
                      ActiveToken.REFRESH_TOKEN,
                      s.clientId(),
                      p.subject(),
                      s.scope(),
                      p.audience(),
                      p.issuer(),
                      p.tokenId(),
                      p.sessionId(),
                      p.issuedAt(),
                      p.expiresAt(),
                      claims)));
        });
  }

  /** How many introspected access tokens are remembered now (for tests and diagnostics). */
  public long rememberedAccessTokens() {
    if (introspected == null) {
      return 0;
    }
    introspected.cleanUp();
    return introspected.estimatedSize();
  }

  /**
   * A remembered access token that is still active: not expired (with its leeway), its key still
   * this ring's and not retired, and not revoked now. Empty otherwise, and when the revocation
   * store cannot answer: the full examination then answers (and reports the store).
   */
  private Optional<ActiveToken> stillActive(String token) {
    if (introspected == null) {
      return Optional.empty();
    }
    IntrospectedAccess e = introspected.getIfPresent(token);
    if (e == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (!now.isBefore(e.acceptedUntil())
        || e.key().retiredAt(now)
        || ring.find(e.key().keyId()).orElse(null) != e.key()) {
      introspected.invalidate(token);
      return Optional.empty();
    }
    try {
      if (Revocations.check(blacklist, e.principal()).isPresent()) {
        introspected.invalidate(token);
        return Optional.empty();
      }
    } catch (RuntimeException storeFailure) {
      return Optional.empty();
    }
    return Optional.of(e.active());
  }

  private ActiveToken describeAccess(Principal p, Map<String, Object> claims) {
    Object clientId = claims.get("client_id");
    Map<String, Object> extra = new LinkedHashMap<>();
    for (String name : List.of("auth_time", "amr")) {
      if (claims.get(name) != null) {
        extra.put(name, claims.get(name));
      }
    }
    return new ActiveToken(
        ActiveToken.ACCESS_TOKEN,
        clientId instanceof String s ? s : null,
        p.subject(),
        scopeOf(claims.get("scope")),
        p.audience(),
        p.issuer(),
        p.tokenId(),
        p.sessionId(),
        p.issuedAt(),
        p.expiresAt(),
        extra);
  }

  private static Set<String> scopeOf(Object scope) {
    if (!(scope instanceof String s) || s.isBlank()) {
      return Set.of();
    }
    return new LinkedHashSet<>(Arrays.asList(s.trim().split(" +")));
  }

  private TokenExaminer.Examination examineRefresh(String token) {
    return sessionTokens
        .refreshExaminer()
        .examine(token, TokenExaminer.Use.REFRESH, Findings.firstOnly());
  }

  @Override
  public Result<Void> revoke(String token, String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    if (token == null || token.isEmpty()) {
      return Result.ok();
    }
    Instant now = clock.instant();
    TokenExaminer.Examination access =
        accessExaminer.examine(token, TokenExaminer.Use.ACCESS, Findings.firstOnly());
    if (access.unavailable().isPresent()) {
      return Result.err(access.unavailable().get());
    }
    if (access.valid()) {
      Principal p = access.principal();
      if (!clientId.equals(access.claims().get("client_id"))) {
        return notYours();
      }
      return Result.catching(
          () -> {
            Revocations.revokeToken(blacklist, p, now, p.expiresAt().plus(settings.leeway()));
            log.debug("access token {} of client {} revoked", p.tokenId(), clientId);
            return Result.ok();
          });
    }
    TokenExaminer.Examination refresh = examineRefresh(token);
    if (refresh.unavailable().isPresent()) {
      return Result.err(refresh.unavailable().get());
    }
    if (!refresh.valid()) {
      // Malformed, unknown, expired or already revoked: nothing to do (RFC 7009 section 2.2).
      return Result.ok();
    }
    Principal p = refresh.principal();
    return Result.catching(
        () -> {
          Optional<Session> session = sessions.find(p.sessionId());
          if (session.isEmpty()) {
            return Result.ok();
          }
          if (!clientId.equals(session.get().clientId())) {
            return notYours();
          }
          sessionTokens.endSession(p.sessionId(), now);
          log.debug(
              "session {} of client {} revoked with its refresh token", p.sessionId(), clientId);
          return Result.ok();
        });
  }

  private static <T> Result<T> notYours() {
    return Result.err(
        new AuthError.Plain(
            ErrorKind.UNAUTHORIZED_CLIENT,
            "This token was not issued to the client revoking it; a client may revoke only its own"
                + " tokens."));
  }
}
