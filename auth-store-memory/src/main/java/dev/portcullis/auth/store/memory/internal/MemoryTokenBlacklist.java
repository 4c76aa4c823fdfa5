package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.TokenBlacklist;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Revocations in a Caffeine cache, each entry living exactly until the last token it concerns would
 * have expired. Entries are never evicted for space, since that would make revoked tokens valid
 * again: at {@code maxEntries} a new revocation throws {@code ServiceUnavailableException} (the
 * logout fails visibly) while checks keep working. Thread-safe; merging a revocation into an
 * existing one is one atomic compute.
 */
public final class MemoryTokenBlacklist implements TokenBlacklist {

  /** What a revocation is keyed by. */
  private sealed interface Key {}

  private record TokenKey(String issuer, String tokenId) implements Key {}

  private record SessionKey(String sessionId) implements Key {}

  private record UserKey(String userId) implements Key {}

  /**
   * One revocation.
   *
   * @param at when the token or session was revoked; for a user, the not-before instant
   * @param keepUntil when the entry stops mattering
   */
  private record Entry(Instant at, Instant keepUntil) {}

  private final ClockTicker ticker;
  private final Cache<Key, Entry> entries;
  private final Capacity capacity;

  public MemoryTokenBlacklist(Clock clock, long maxEntries) {
    this.ticker = new ClockTicker(clock);
    this.capacity =
        new Capacity(
            maxEntries, "the in-memory token blacklist", "auth.store.memory.max-revocations");
    this.entries =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(new InstantExpiry<Key, Entry>(ticker, Entry::keepUntil))
            .build();
  }

  @Override
  public void revokeToken(String issuer, String tokenId, Instant revokedAt, Instant expiresAt) {
    Args.key(issuer, "issuer");
    Args.key(tokenId, "tokenId");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    remember(new TokenKey(issuer, tokenId), revokedAt, expiresAt, false);
  }

  @Override
  public void revokeSession(String sessionId, Instant revokedAt, Instant keepUntil) {
    Args.key(sessionId, "sessionId");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(keepUntil, "keepUntil");
    remember(new SessionKey(sessionId), revokedAt, keepUntil, false);
  }

  @Override
  public void revokeUserBefore(String userId, Instant notBefore, Instant keepUntil) {
    Args.key(userId, "userId");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(keepUntil, "keepUntil");
    remember(new UserKey(userId), notBefore, keepUntil, true);
  }

  /**
   * Merges a revocation into the one stored: the earliest revocation instant (the latest for a
   * user's not-before, which never moves back) and the latest keep-until.
   */
  private void remember(Key key, Instant at, Instant keepUntil, boolean latestAt) {
    Instant now = ticker.now();
    if (!keepUntil.isAfter(now)) {
      return; // Every token it concerns has expired already: nothing to remember.
    }
    capacity.admit(entries, key);
    entries
        .asMap()
        .merge(
            key,
            new Entry(at, keepUntil),
            (old, added) -> {
              boolean keepOldAt =
                  latestAt ? !added.at().isAfter(old.at()) : !added.at().isBefore(old.at());
              Instant mergedAt = keepOldAt ? old.at() : added.at();
              Instant mergedKeep =
                  added.keepUntil().isAfter(old.keepUntil()) ? added.keepUntil() : old.keepUntil();
              return new Entry(mergedAt, mergedKeep);
            });
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
    Instant now = ticker.now();
    Entry token = live(new TokenKey(issuer, tokenId), now);
    if (token != null) {
      return Optional.of(new Revocation(Revocation.Scope.TOKEN, token.at()));
    }
    Entry session = sessionId == null ? null : live(new SessionKey(sessionId), now);
    if (session != null) {
      return Optional.of(new Revocation(Revocation.Scope.SESSION, session.at()));
    }
    Entry user = live(new UserKey(userId), now);
    if (user != null && !issuedAt.isAfter(user.at())) {
      return Optional.of(new Revocation(Revocation.Scope.USER, user.at()));
    }
    return Optional.empty();
  }

  private Entry live(Key key, Instant now) {
    Entry e = entries.getIfPresent(key);
    // Caffeine already hides expired entries; the explicit test states the rule independently.
    return e != null && now.isBefore(e.keepUntil()) ? e : null;
  }

  /** Revocations held now, after dropping those that stopped mattering. */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
