package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.store.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Sessions in a Caffeine cache, each kept until it ended (expired or was revoked) plus {@code
 * retention}, then dropped without waiting for {@link #purge}. At {@code maxSessions} the least
 * valuable sessions are evicted: eviction only ever ends a session (its refresh fails as {@code
 * NOT_FOUND}), never grants access. Thread-safe; each rotation and revocation is one atomic
 * compute. A rotation never extends a session past its {@code absoluteExpiresAt}: the next expiry
 * is clamped to it.
 */
public final class MemorySessionStore implements SessionStore {

  private static final Comparator<Session> NEWEST_FIRST =
      Comparator.comparing(Session::createdAt).thenComparing(Session::id).reversed();

  private final Cache<String, Session> sessions;
  private final Map<String, Set<String>> idsByUser = new ConcurrentHashMap<>();

  public MemorySessionStore(Clock clock, long maxSessions, Duration retention) {
    Objects.requireNonNull(retention, "retention");
    ClockTicker ticker = new ClockTicker(clock);
    this.sessions =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .maximumSize(maxSessions)
            .expireAfter(new InstantExpiry<String, Session>(ticker, s -> endOf(s).plus(retention)))
            .removalListener(
                (String id, Session s, RemovalCause cause) -> {
                  if (cause != RemovalCause.REPLACED && s != null) {
                    unindex(s.userId(), id);
                  }
                })
            .build();
  }

  private static Instant endOf(Session s) {
    Instant end = clamp(s.expiresAt(), s.absoluteExpiresAt());
    Instant revoked = s.revokedAt();
    return revoked != null && revoked.isBefore(end) ? revoked : end;
  }

  @Override
  public void create(Session session) {
    Objects.requireNonNull(session, "session");
    Args.key(session.id(), "id");
    Args.key(session.userId(), "userId");
    Args.key(session.refreshTokenId(), "refreshTokenId");
    if (sessions.asMap().putIfAbsent(session.id(), session) != null) {
      throw new IllegalArgumentException("a session with id " + session.id() + " exists already");
    }
    idsByUser.compute(
        session.userId(),
        (user, ids) -> {
          Set<String> set = ids != null ? ids : ConcurrentHashMap.newKeySet(4);
          set.add(session.id());
          return set;
        });
    if (sessions.getIfPresent(session.id()) != session) {
      // Evicted (a full store) before it was indexed: its removal found nothing to unindex.
      unindex(session.userId(), session.id());
    }
  }

  private void unindex(String userId, String sessionId) {
    idsByUser.computeIfPresent(
        userId,
        (user, ids) -> {
          ids.remove(sessionId);
          return ids.isEmpty() ? null : ids;
        });
  }

  @Override
  public Optional<Session> find(String sessionId) {
    return Optional.ofNullable(sessions.getIfPresent(Args.key(sessionId, "sessionId")));
  }

  @Override
  public RefreshRotation rotateRefreshToken(
      String sessionId,
      String presentedTokenId,
      String nextTokenId,
      Instant now,
      Instant nextExpiresAt,
      Duration retryGrace) {
    Args.key(sessionId, "sessionId");
    Args.key(presentedTokenId, "presentedTokenId");
    Args.key(nextTokenId, "nextTokenId");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(nextExpiresAt, "nextExpiresAt");
    Objects.requireNonNull(retryGrace, "retryGrace");
    if (!nextExpiresAt.isAfter(now)) {
      throw new IllegalArgumentException("nextExpiresAt must be after now");
    }
    RefreshRotation[] outcome = {RefreshRotation.NOT_FOUND};
    sessions
        .asMap()
        .computeIfPresent(
            sessionId,
            (id, s) -> {
              if (s.revokedAt() != null) {
                outcome[0] = RefreshRotation.REVOKED;
                return s;
              }
              if (!s.isActive(now)) {
                outcome[0] = RefreshRotation.EXPIRED;
                return s;
              }
              if (s.refreshTokenId().equals(presentedTokenId)) {
                outcome[0] = RefreshRotation.ROTATED;
                return s.rotated(nextTokenId, now, clamp(nextExpiresAt, s.absoluteExpiresAt()));
              }
              if (isRetry(s, presentedTokenId, now, retryGrace)) {
                outcome[0] = RefreshRotation.RETRIED;
                return s;
              }
              outcome[0] = RefreshRotation.REUSED;
              return s.endedAt(now);
            });
    return outcome[0];
  }

  private static Instant clamp(Instant expiresAt, Instant absoluteExpiresAt) {
    return absoluteExpiresAt != null && absoluteExpiresAt.isBefore(expiresAt)
        ? absoluteExpiresAt
        : expiresAt;
  }

  private static boolean isRetry(Session s, String presented, Instant now, Duration grace) {
    return grace.compareTo(Duration.ZERO) > 0
        && presented.equals(s.previousRefreshTokenId())
        && Duration.between(s.rotatedAt(), now).compareTo(grace) < 0;
  }

  @Override
  public boolean setCredentialsVersion(String sessionId, long credentialsVersion) {
    Args.key(sessionId, "sessionId");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
    boolean[] set = {false};
    sessions
        .asMap()
        .computeIfPresent(
            sessionId,
            (id, s) -> {
              if (s.revokedAt() != null) {
                return s;
              }
              set[0] = true;
              return s.withCredentialsVersion(credentialsVersion);
            });
    return set[0];
  }

  @Override
  public List<Session> listActive(String userId, Instant now) {
    Args.key(userId, "userId");
    Objects.requireNonNull(now, "now");
    List<Session> active = new ArrayList<>();
    for (String id : idsByUser.getOrDefault(userId, Set.of())) {
      Session s = sessions.getIfPresent(id);
      if (s != null && s.userId().equals(userId) && s.isActive(now)) {
        active.add(s);
      }
    }
    active.sort(NEWEST_FIRST);
    return active;
  }

  @Override
  public boolean revoke(String sessionId, Instant at) {
    Args.key(sessionId, "sessionId");
    Objects.requireNonNull(at, "at");
    return revokeIf(sessionId, at, s -> s.revokedAt() == null);
  }

  private boolean revokeIf(String sessionId, Instant at, Predicate<Session> applies) {
    boolean[] revoked = {false};
    sessions
        .asMap()
        .computeIfPresent(
            sessionId,
            (id, s) -> {
              if (!applies.test(s)) {
                return s;
              }
              revoked[0] = true;
              return s.endedAt(at);
            });
    return revoked[0];
  }

  @Override
  public int revokeAllForUser(String userId, Instant at, String keepSessionId) {
    Args.key(userId, "userId");
    Objects.requireNonNull(at, "at");
    if (keepSessionId != null) {
      Args.key(keepSessionId, "keepSessionId");
    }
    int count = 0;
    for (String id : idsByUser.getOrDefault(userId, Set.of())) {
      if (!id.equals(keepSessionId)
          && revokeIf(id, at, s -> s.userId().equals(userId) && s.isActive(at))) {
        count++;
      }
    }
    return count;
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int count = 0;
    for (Map.Entry<String, Session> e : sessions.asMap().entrySet()) {
      Session s = e.getValue();
      boolean ended = endOf(s).isBefore(cutoff);
      if (ended && sessions.asMap().remove(e.getKey(), s)) {
        count++;
      }
    }
    return count;
  }

  /** Sessions held now, after dropping those whose retention ended. */
  public long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }
}
