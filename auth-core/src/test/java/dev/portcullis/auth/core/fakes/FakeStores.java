package dev.portcullis.auth.core.fakes;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Deliberately simple, synchronized fakes of the store ports for the core's unit tests (the real
 * adapters are certified by the contract suites in auth-testkit). {@link #down} makes every call
 * throw {@link ServiceUnavailableException}, as a store that cannot answer does.
 */
public final class FakeStores {
  public final Clock clock;
  public volatile boolean down;

  public final Users users = new Users();
  public final Sessions sessions = new Sessions();
  public final Blacklist blacklist = new Blacklist();
  public final Tracker tracker;
  public final Limiter limiter = new Limiter();
  public final ResetTokens resetTokens = new ResetTokens();
  public final Audit audit = new Audit();

  public FakeStores(Clock clock, LockoutPolicy policy) {
    this.clock = clock;
    this.tracker = new Tracker(policy);
  }

  void ensureUp() {
    if (down) {
      throw new ServiceUnavailableException(
          new AuthError.ServiceUnavailable("fake store", "switched off by the test"));
    }
  }

  public final class Users implements UserStore {
    private final Map<String, StoredUser> byId = new HashMap<>();

    @Override
    public synchronized Result<User> create(NewUser u) {
      ensureUp();
      if (byId.values().stream().anyMatch(s -> s.user().identifier().equals(u.identifier()))) {
        return Result.err(AuthError.of(ErrorKind.IDENTIFIER_TAKEN));
      }
      byId.put(u.id(), new StoredUser(u.toUser(), u.passwordHash(), 0));
      return Result.ok(u.toUser());
    }

    @Override
    public synchronized Optional<StoredUser> findById(String userId) {
      ensureUp();
      return Optional.ofNullable(byId.get(userId));
    }

    @Override
    public synchronized Optional<StoredUser> findByIdentifier(String identifier) {
      ensureUp();
      return byId.values().stream()
          .filter(s -> s.user().identifier().equals(identifier))
          .findFirst();
    }

    @Override
    public synchronized boolean setPassword(
        String userId, long expectedVersion, String newHash, Instant changedAt) {
      ensureUp();
      StoredUser s = byId.get(userId);
      if (s == null || s.credentialsVersion() != expectedVersion) {
        return false;
      }
      User u = s.user();
      byId.put(
          userId,
          new StoredUser(
              new User(
                  u.id(),
                  u.identifier(),
                  u.email(),
                  u.name(),
                  u.roles(),
                  u.enabled(),
                  u.createdAt(),
                  changedAt,
                  u.emailVerified()),
              newHash,
              expectedVersion + 1));
      return true;
    }

    @Override
    public synchronized boolean markEmailVerified(String userId) {
      ensureUp();
      StoredUser s = byId.get(userId);
      if (s == null) {
        return false;
      }
      byId.put(userId, s.withUser(s.user().withEmailVerified(true)));
      return true;
    }

    @Override
    public synchronized boolean replaceHash(String userId, String expectedHash, String newHash) {
      ensureUp();
      StoredUser s = byId.get(userId);
      if (s == null || !s.passwordHash().equals(expectedHash)) {
        return false;
      }
      byId.put(userId, s.withHash(newHash));
      return true;
    }

    @Override
    public synchronized boolean setEnabled(String userId, boolean enabled) {
      ensureUp();
      StoredUser s = byId.get(userId);
      if (s == null) {
        return false;
      }
      byId.put(userId, s.withUser(s.user().withEnabled(enabled)));
      return true;
    }

    @Override
    public synchronized boolean setRoles(String userId, Set<String> roles) {
      ensureUp();
      StoredUser s = byId.get(userId);
      if (s == null) {
        return false;
      }
      byId.put(userId, s.withUser(s.user().withRoles(roles)));
      return true;
    }

    @Override
    public synchronized List<User> list(int offset, int limit) {
      ensureUp();
      return byId.values().stream()
          .map(StoredUser::user)
          .sorted(Comparator.comparing(User::createdAt).thenComparing(User::id))
          .skip(offset)
          .limit(limit)
          .toList();
    }

    public synchronized String hashOf(String userId) {
      return byId.get(userId).passwordHash();
    }
  }

  public final class Sessions implements SessionStore {
    private final Map<String, Session> byId = new HashMap<>();

    @Override
    public synchronized void create(Session s) {
      ensureUp();
      if (byId.putIfAbsent(s.id(), s) != null) {
        throw new IllegalArgumentException("session exists");
      }
    }

    @Override
    public synchronized Optional<Session> find(String id) {
      ensureUp();
      return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized RefreshRotation rotateRefreshToken(
        String id,
        String presented,
        String next,
        Instant now,
        Instant nextExpiresAt,
        Duration retryGrace) {
      ensureUp();
      throw new UnsupportedOperationException("not needed by the core's tests");
    }

    @Override
    public synchronized List<Session> listActive(String userId, Instant now) {
      ensureUp();
      return byId.values().stream()
          .filter(s -> s.userId().equals(userId) && s.isActive(now))
          .sorted(Comparator.comparing(Session::createdAt).reversed())
          .toList();
    }

    @Override
    public synchronized boolean revoke(String id, Instant at) {
      ensureUp();
      Session s = byId.get(id);
      if (s == null || s.revokedAt() != null) {
        return false;
      }
      byId.put(id, ended(s, at));
      return true;
    }

    @Override
    public synchronized int revokeAllForUser(String userId, Instant at, String keep) {
      ensureUp();
      int n = 0;
      for (Session s : List.copyOf(byId.values())) {
        if (s.userId().equals(userId) && s.isActive(at) && !s.id().equals(keep)) {
          byId.put(s.id(), ended(s, at));
          n++;
        }
      }
      return n;
    }

    @Override
    public synchronized int purge(Instant cutoff) {
      ensureUp();
      return 0;
    }

    private Session ended(Session s, Instant at) {
      return s.endedAt(at);
    }

    @Override
    public synchronized boolean setCredentialsVersion(String sessionId, long version) {
      ensureUp();
      Session s = byId.get(sessionId);
      if (s == null || s.revokedAt() != null) {
        return false;
      }
      byId.put(sessionId, s.withCredentialsVersion(version));
      return true;
    }
  }

  public final class Blacklist implements TokenBlacklist {
    public final Map<String, Instant> revokedSessions = new HashMap<>();

    @Override
    public synchronized void revokeToken(String iss, String jti, Instant at, Instant expiresAt) {
      ensureUp();
    }

    @Override
    public synchronized void revokeSession(String sessionId, Instant at, Instant keepUntil) {
      ensureUp();
      revokedSessions.put(sessionId, at);
    }

    @Override
    public synchronized void revokeUserBefore(String userId, Instant notBefore, Instant keep) {
      ensureUp();
    }

    @Override
    public synchronized Optional<Revocation> check(
        String iss, String jti, String userId, String sessionId, Instant issuedAt) {
      ensureUp();
      Instant at = revokedSessions.get(sessionId);
      return at == null
          ? Optional.empty()
          : Optional.of(new Revocation(Revocation.Scope.SESSION, at));
    }
  }

  /** A tracker that implements the reservation protocol exactly, with one lock. */
  public final class Tracker implements LoginAttemptTracker {
    private final LockoutPolicy policy;
    private final Map<String, List<Instant>> failures = new HashMap<>();
    private final Map<String, Map<String, Instant>> reserved = new HashMap<>();
    private final Map<String, Instant> lockedUntil = new HashMap<>();
    private final Map<String, Integer> consecutive = new HashMap<>();

    Tracker(LockoutPolicy policy) {
      this.policy = policy;
    }

    @Override
    public synchronized AttemptReservation reserve(String key) {
      ensureUp();
      Instant now = clock.instant();
      LockStatus s = status(key);
      if (s.locked()) {
        return new AttemptReservation.Denied(key, s);
      }
      Map<String, Instant> r = reserved.computeIfAbsent(key, k -> new HashMap<>());
      r.values().removeIf(at -> !at.plus(policy.window()).isAfter(now));
      if (s.failures() + r.size() >= policy.maxAttempts()) {
        return new AttemptReservation.Denied(
            key, new LockStatus(key, s.failures(), now.plusSeconds(1)));
      }
      String id = UUID.randomUUID().toString();
      r.put(id, now);
      return new AttemptReservation.Granted(key, id);
    }

    @Override
    public synchronized LockStatus recordFailure(AttemptReservation.Granted g) {
      ensureUp();
      Instant now = clock.instant();
      reserved.getOrDefault(g.key(), new HashMap<>()).remove(g.id());
      List<Instant> f = failures.computeIfAbsent(g.key(), k -> new ArrayList<>());
      f.removeIf(at -> !at.plus(policy.window()).isAfter(now));
      f.add(now);
      if (f.size() >= policy.maxAttempts()) {
        int n = consecutive.merge(g.key(), 1, Integer::sum);
        lockedUntil.put(g.key(), now.plus(policy.lockDuration(n)));
        f.clear();
        return new LockStatus(g.key(), policy.maxAttempts(), lockedUntil.get(g.key()));
      }
      return new LockStatus(g.key(), f.size(), null);
    }

    @Override
    public synchronized void recordSuccess(AttemptReservation.Granted g) {
      ensureUp();
      reserved.getOrDefault(g.key(), new HashMap<>()).remove(g.id());
      failures.remove(g.key());
      consecutive.remove(g.key());
    }

    @Override
    public synchronized void release(AttemptReservation.Granted g) {
      reserved.getOrDefault(g.key(), new HashMap<>()).remove(g.id());
    }

    @Override
    public synchronized LockStatus status(String key) {
      ensureUp();
      Instant now = clock.instant();
      Instant until = lockedUntil.get(key);
      if (until != null && until.isAfter(now)) {
        return new LockStatus(key, policy.maxAttempts(), until);
      }
      List<Instant> f = failures.getOrDefault(key, List.of());
      long n = f.stream().filter(at -> at.plus(policy.window()).isAfter(now)).count();
      return new LockStatus(key, (int) n, null);
    }

    @Override
    public synchronized List<LockStatus> activeLockouts() {
      ensureUp();
      return lockedUntil.keySet().stream()
          .map(this::status)
          .filter(LockStatus::locked)
          .sorted(Comparator.comparing(LockStatus::lockedUntil))
          .toList();
    }

    @Override
    public synchronized boolean clear(String key) {
      ensureUp();
      boolean any = lockedUntil.remove(key) != null | failures.remove(key) != null;
      reserved.remove(key);
      consecutive.remove(key);
      return any;
    }
  }

  /** A token bucket per key. */
  public final class Limiter implements RateLimiter {
    private final Map<String, double[]> buckets = new HashMap<>();

    @Override
    public synchronized RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
      return take(key, rule, true);
    }

    @Override
    public synchronized RateLimitDecision peek(String key, RateLimitRule rule) {
      return take(key, rule, false);
    }

    private RateLimitDecision take(String key, RateLimitRule rule, boolean consume) {
      ensureUp();
      long now = clock.millis();
      double[] b = buckets.computeIfAbsent(key, k -> new double[] {rule.permits(), now});
      double perMs = rule.permits() / (double) rule.period().toMillis();
      b[0] = Math.min(rule.permits(), b[0] + (now - b[1]) * perMs);
      b[1] = now;
      if (b[0] >= 1) {
        if (consume) {
          b[0] -= 1;
        }
        return RateLimitDecision.allow((int) Math.floor(b[0]));
      }
      return RateLimitDecision.deny(Duration.ofMillis((long) Math.ceil((1 - b[0]) / perMs)));
    }
  }

  public final class ResetTokens implements ResetTokenStore {
    public final Map<String, ResetToken> byHash = new HashMap<>();

    @Override
    public synchronized void save(ResetToken t) {
      ensureUp();
      if (byHash.putIfAbsent(t.tokenHash(), t) != null) {
        throw new IllegalArgumentException("exists");
      }
    }

    @Override
    public synchronized Optional<ResetToken> find(String hash, Instant now) {
      ensureUp();
      ResetToken t = byHash.get(hash);
      return t != null && t.expiresAt().isAfter(now) ? Optional.of(t) : Optional.empty();
    }

    @Override
    public synchronized Optional<ResetToken> consume(String hash, Instant now) {
      ensureUp();
      ResetToken t = byHash.remove(hash);
      return t != null && t.expiresAt().isAfter(now) ? Optional.of(t) : Optional.empty();
    }

    @Override
    public synchronized int deleteForUser(String userId) {
      ensureUp();
      int before = byHash.size();
      byHash.values().removeIf(t -> t.userId().equals(userId));
      return before - byHash.size();
    }

    @Override
    public synchronized int purge(Instant cutoff) {
      return 0;
    }
  }

  public final class Audit implements AuditStore {
    public final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void append(AuditRecord r) {
      records.add(r);
    }

    @Override
    public synchronized List<AuditRecord> findByUser(String userId, int limit) {
      return List.of();
    }

    @Override
    public synchronized List<AuditRecord> recent(int limit) {
      return List.copyOf(records);
    }

    @Override
    public synchronized int purge(Instant cutoff) {
      return 0;
    }
  }
}
