package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.TokenBlacklist;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TokenBlacklist} on Redis: one string per revoked token ({@code bl:t:{sha256(iss, jti)}}),
 * session and user, each merged by one Lua script and kept until the last token it concerns would
 * have expired. A check reads the (at most three) entries; each is consistent on its own, so no
 * script is needed. A failed read throws {@code ServiceUnavailableException}: never "not revoked".
 * Thread-safe.
 */
public final class RedisTokenBlacklist implements TokenBlacklist {
  static final String COMPONENT = "redis token blacklist";
  private static final Script REVOKE = Script.load("blacklist-revoke");

  private final Redis redis;
  private final Clock clock;

  public RedisTokenBlacklist(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void revokeToken(String issuer, String tokenId, Instant revokedAt, Instant expiresAt) {
    Args.key(issuer, "issuer");
    Args.key(tokenId, "tokenId");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    remember(tokenKey(issuer, tokenId), revokedAt, expiresAt, false);
  }

  @Override
  public void revokeSession(String sessionId, Instant revokedAt, Instant keepUntil) {
    Args.key(sessionId, "sessionId");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(keepUntil, "keepUntil");
    remember(sessionKey(sessionId), revokedAt, keepUntil, false);
  }

  @Override
  public void revokeUserBefore(String userId, Instant notBefore, Instant keepUntil) {
    Args.key(userId, "userId");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(keepUntil, "keepUntil");
    remember(userKey(userId), notBefore, keepUntil, true);
  }

  private void remember(String key, Instant at, Instant keepUntil, boolean latestAt) {
    redis.eval(
        COMPONENT,
        REVOKE,
        key,
        Redis.micros(clock.instant()),
        Redis.micros(at),
        Redis.micros(keepUntil),
        latestAt ? "1" : "0");
  }

  @Override
  public Optional<Revocation> check(
      String issuer, String tokenId, String userId, String sessionId, Instant issuedAt) {
    Args.key(issuer, "issuer");
    Args.key(tokenId, "tokenId");
    Args.key(userId, "userId");
    if (sessionId != null) {
      Args.key(sessionId, "sessionId");
    }
    Objects.requireNonNull(issuedAt, "issuedAt");
    Instant now = clock.instant();
    Instant token = live(tokenKey(issuer, tokenId), now);
    if (token != null) {
      return Optional.of(new Revocation(Revocation.Scope.TOKEN, token));
    }
    Instant session = sessionId == null ? null : live(sessionKey(sessionId), now);
    if (session != null) {
      return Optional.of(new Revocation(Revocation.Scope.SESSION, session));
    }
    Instant user = live(userKey(userId), now);
    if (user != null && !issuedAt.isAfter(user)) {
      return Optional.of(new Revocation(Revocation.Scope.USER, user));
    }
    return Optional.empty();
  }

  /** The revocation instant stored at {@code key} if it still matters at {@code now}. */
  private Instant live(String key, Instant now) {
    String v = redis.get(COMPONENT, key);
    if (v == null) {
      return null;
    }
    int bar = v.indexOf('|');
    Instant keep = Redis.instant(v.substring(bar + 1));
    return now.isBefore(keep) ? Redis.instant(v.substring(0, bar)) : null;
  }

  private String tokenKey(String issuer, String tokenId) {
    return redis.key("bl:t", Redis.digest(issuer, tokenId));
  }

  private String sessionKey(String sessionId) {
    return redis.key("bl:s", Redis.digest(sessionId));
  }

  private String userKey(String userId) {
    return redis.key("bl:u", Redis.digest(userId));
  }
}
