package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.LoginGate;
import dev.portcullis.auth.api.store.RateLimiter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link LoginAttemptTracker} over {@code portcullis_login_keys} and {@code
 * portcullis_login_attempts}.
 *
 * <p>Every decision about a key runs in one transaction that first locks the key's row with {@code
 * SELECT ... FOR UPDATE} (creating it with {@code INSERT ... ON CONFLICT DO NOTHING} when absent).
 * The lock is the database's, so reservations and failures of a key are serialised across every
 * instance sharing the database: counting the live slots (reservations and failures whose {@code
 * expires_at} is in the future) and inserting a reservation cannot interleave, and a key never
 * holds more than {@code maxAttempts} of them. A reservation expires after the policy's window, so
 * one never completed frees its slot by then.
 *
 * <p>Round trips: a reservation is two statements (lock the key's row, then a conditional insert
 * that counts and takes a slot), a failure three (lock, turn the reservation into the failure,
 * count), a success one when the key has no lock history. {@link #gateWith} with the {@link
 * JdbcRateLimiter} of the same database puts the rate limits of a login into the same transactions
 * ({@link JdbcLoginGate}). Thread-safe.
 */
public final class JdbcLoginAttemptTracker implements LoginAttemptTracker {
  static final String COMPONENT = "jdbc login attempt tracker";
  private static final int KEY_LENGTH = 512;

  /** How soon a caller denied by checks in flight (not by a lock) should try again, at most. */
  private static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

  /** Prefix of the id of a reservation of a key that had a lock history when reserved. */
  private static final String HISTORY = "h-";

  private final Database db;
  private final LockoutPolicy policy;
  private final Clock clock;
  private final String lockKey;
  private final String insertKey;
  private final String slots;
  private final String insertSlot;
  private final String reserveIfFree;
  private final String deleteReservation;
  private final String failReservation;
  private final String clearOnSuccess;
  private final String countFailures;
  private final String lock;
  private final String consumeFailures;
  private final String deleteFailures;
  private final String resetHistory;
  private final String status;
  private final String activeLockouts;
  private final String deleteAttempts;
  private final String deleteKey;
  private final String purgeAttempts;
  private final String purgeKeys;
  private final String storedKeys;

  public JdbcLoginAttemptTracker(Database db, LockoutPolicy policy, Clock clock) {
    this.db = db;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    String keys = db.tables().name("portcullis_login_keys");
    String attempts = db.tables().name("portcullis_login_attempts");
    this.lockKey =
        "SELECT locked_until, lock_count FROM " + keys + " WHERE login_key = ? FOR UPDATE";
    this.insertKey =
        "INSERT INTO "
            + keys
            + " (login_key, locked_until, lock_count) VALUES (?, NULL, 0) ON CONFLICT DO NOTHING";
    this.slots =
        "SELECT COUNT(*), COALESCE(SUM(CASE WHEN kind = 'F' THEN 1 ELSE 0 END), 0),"
            + " MIN(expires_at) FROM "
            + attempts
            + " WHERE login_key = ? AND expires_at > ?";
    this.insertSlot =
        "INSERT INTO " + attempts + " (login_key, id, kind, expires_at) VALUES (?, ?, ?, ?)";
    // Counting the live slots and taking one in one statement: it runs after the key's row is
    // locked, so its snapshot holds every slot committed before.
    this.reserveIfFree =
        "INSERT INTO "
            + attempts
            + " (login_key, id, kind, expires_at) SELECT CAST(? AS VARCHAR(512)),"
            + " CAST(? AS VARCHAR(64)), 'R', CAST(? AS BIGINT) WHERE (SELECT COUNT(*) FROM "
            + attempts
            + " WHERE login_key = ? AND expires_at > ?) < ?";
    this.deleteReservation =
        "DELETE FROM " + attempts + " WHERE login_key = ? AND id = ? AND kind = 'R'";
    // A failed check turns its reservation into the failure: the slot stays taken.
    this.failReservation =
        "UPDATE "
            + attempts
            + " SET kind = 'F', expires_at = ? WHERE login_key = ? AND id = ? AND kind = 'R'";
    this.clearOnSuccess =
        db.dialect()
            .deleteReturning(
                "DELETE FROM "
                    + attempts
                    + " WHERE login_key = ? AND (kind = 'F' OR (kind = 'R' AND id = ?))",
                "kind");
    this.countFailures =
        "SELECT COUNT(*) FROM "
            + attempts
            + " WHERE login_key = ? AND kind = 'F' AND expires_at > ?";
    this.lock = "UPDATE " + keys + " SET locked_until = ?, lock_count = ? WHERE login_key = ?";
    // The failures that caused a lock count until it ends, then the key starts afresh.
    this.consumeFailures =
        "UPDATE "
            + attempts
            + " SET expires_at = ? WHERE login_key = ? AND kind = 'F' AND expires_at > ?";
    this.deleteFailures = "DELETE FROM " + attempts + " WHERE login_key = ? AND kind = 'F'";
    this.resetHistory =
        "UPDATE "
            + keys
            + " SET lock_count = 0,"
            + " locked_until = CASE WHEN locked_until > ? THEN locked_until ELSE NULL END"
            + " WHERE login_key = ?";
    this.status =
        "SELECT (SELECT locked_until FROM "
            + keys
            + " WHERE login_key = ?), (SELECT COUNT(*) FROM "
            + attempts
            + " WHERE login_key = ? AND kind = 'F' AND expires_at > ?)";
    this.activeLockouts =
        "SELECT k.login_key, k.locked_until, (SELECT COUNT(*) FROM "
            + attempts
            + " a WHERE a.login_key = k.login_key AND a.kind = 'F' AND a.expires_at > ?) FROM "
            + keys
            + " k WHERE k.locked_until > ? ORDER BY k.locked_until, k.login_key";
    this.deleteAttempts = "DELETE FROM " + attempts + " WHERE login_key = ?";
    this.deleteKey = "DELETE FROM " + keys + " WHERE login_key = ?";
    this.purgeAttempts = "DELETE FROM " + attempts + " WHERE expires_at <= ?";
    this.storedKeys =
        "SELECT COUNT(*) FROM (SELECT login_key FROM "
            + keys
            + " UNION SELECT login_key FROM "
            + attempts
            + ") k";
    this.purgeKeys =
        "DELETE FROM "
            + keys
            + " k WHERE (k.locked_until IS NULL OR k.locked_until <= ?) AND NOT EXISTS (SELECT 1"
            + " FROM "
            + attempts
            + " a WHERE a.login_key = k.login_key)";
  }

  @Override
  public AttemptReservation reserve(String key) {
    Args.text(key, "key", KEY_LENGTH);
    long now = now();
    return db.transaction(COMPONENT, c -> reserve(c, key, now));
  }

  /**
   * Reserves a slot on the caller's connection, inside its transaction: lock the key's row, then
   * take a slot if one is free, in two statements.
   */
  AttemptReservation reserve(Connection c, String key, long now) throws SQLException {
    KeyRow row = lockKey(c, key);
    if (row.lockedAt(now)) {
      Slots live = Sql.queryOne(c, slots, Slots::of, key, now).orElseThrow();
      return new AttemptReservation.Denied(
          key, new LockStatus(key, live.failures(), Instants.fromNanos(row.lockedUntil())));
    }
    // A key with a lock history says so in the reservation's id, so that a success knows whether
    // it must reset that history (see recordSuccess).
    String id = (row.hasHistory() ? HISTORY : "") + UUID.randomUUID();
    long expires = Instants.plus(now, policy.window());
    if (Sql.update(c, reserveIfFree, key, id, expires, key, now, policy.maxAttempts()) == 1) {
      return new AttemptReservation.Granted(key, id);
    }
    // Every remaining attempt is reserved by checks in flight, which normally finish within
    // moments; a slot is certain to be free at the earliest expiry.
    Slots live = Sql.queryOne(c, slots, Slots::of, key, now).orElseThrow();
    long retry = Math.min(live.earliestExpiry(), Instants.plus(now, IN_FLIGHT_RETRY));
    return new AttemptReservation.Denied(
        key, new LockStatus(key, live.failures(), Instants.fromNanos(retry)));
  }

  @Override
  public LockStatus recordFailure(AttemptReservation.Granted reservation) {
    String key = checked(reservation);
    long now = now();
    return db.transaction(COMPONENT, c -> recordFailure(c, reservation, now));
  }

  /** {@link #recordFailure} on the caller's connection, inside its transaction. */
  LockStatus recordFailure(Connection c, AttemptReservation.Granted reservation, long now)
      throws SQLException {
    String key = checked(reservation);
    KeyRow row = lockKey(c, key);
    boolean locked = row.lockedAt(now);
    long expires = locked ? row.lockedUntil() : Instants.plus(now, policy.window());
    if (Sql.update(c, failReservation, expires, key, reservation.id()) == 0) {
      // A failed check counts even if its reservation expired meanwhile: fail closed.
      Sql.update(c, insertSlot, key, UUID.randomUUID().toString(), "F", expires);
    }
    int failures = (int) Sql.count(c, countFailures, key, now);
    if (locked) {
      return new LockStatus(key, failures, Instants.fromNanos(row.lockedUntil()));
    }
    if (failures < policy.maxAttempts()) {
      return new LockStatus(key, failures, null);
    }
    boolean remembered =
        row.lockCount() > 0
            && row.lockedUntil() != null
            && now < Instants.plus(row.lockedUntil(), memory());
    int n = remembered ? row.lockCount() + 1 : 1;
    long until = Instants.plus(now, policy.lockDuration(n));
    Sql.update(c, lock, until, n, key);
    Sql.update(c, consumeFailures, until, key, now);
    return new LockStatus(key, failures, Instants.fromNanos(until));
  }

  /**
   * Deletes the reservation and the key's failures in one statement, without locking the key's row:
   * freeing a slot and forgetting failures need no serialising with reservations, and a failure
   * counted concurrently is either deleted here or counted after, as if it came after this success.
   * The lock history is reset only when there is one: the key had it at reservation (marked in the
   * reservation's id), or a failure was deleted here (a concurrent failure may have locked the key
   * meanwhile), so a key without history costs one statement; the reset then runs in a second
   * transaction that holds the key's row lock.
   */
  @Override
  public void recordSuccess(AttemptReservation.Granted reservation) {
    String key = checked(reservation);
    long now = now();
    if (db.call(
        COMPONENT,
        c -> {
          List<String> deleted =
              Sql.query(c, clearOnSuccess, rs -> rs.getString(1), key, reservation.id());
          return reservation.id().startsWith(HISTORY) || deleted.contains("F");
        })) {
      // The history is reset under the key's row lock, together with the failures counted since
      // the delete above: failures that locked the key in between then end as if they came
      // before this success (their lock stays, as a success never lifts an active one, and they
      // are forgotten with the lock count), not as failures the success left behind.
      db.transaction(
          COMPONENT,
          c -> {
            lockKey(c, key);
            Sql.update(c, deleteFailures, key);
            return Sql.update(c, resetHistory, now, key);
          });
    }
  }

  /**
   * With the {@link JdbcRateLimiter} of this database, a gate that answers each step of a login in
   * one transaction; with any other limiter (Redis, for example), the default gate.
   */
  @Override
  public LoginGate gateWith(RateLimiter limiter) {
    if (limiter instanceof JdbcRateLimiter jdbc && jdbc.sharesDatabase(db)) {
      return new JdbcLoginGate(db, this, jdbc);
    }
    return LoginAttemptTracker.super.gateWith(limiter);
  }

  @Override
  public void release(AttemptReservation.Granted reservation) {
    String key = checked(reservation);
    db.call(COMPONENT, c -> Sql.update(c, deleteReservation, key, reservation.id()));
  }

  @Override
  public LockStatus status(String key) {
    Args.text(key, "key", KEY_LENGTH);
    long now = now();
    return db.call(
        COMPONENT,
        c ->
            Sql.queryOne(
                    c,
                    status,
                    rs -> {
                      Long lockedUntil = Sql.nullableLong(rs, 1);
                      boolean locked = lockedUntil != null && lockedUntil > now;
                      return new LockStatus(
                          key, rs.getInt(2), locked ? Instants.fromNanos(lockedUntil) : null);
                    },
                    key,
                    key,
                    now)
                .orElseThrow());
  }

  @Override
  public List<LockStatus> activeLockouts() {
    long now = now();
    return db.call(
        COMPONENT,
        c ->
            Sql.query(
                c,
                activeLockouts,
                rs ->
                    new LockStatus(
                        rs.getString(1), rs.getInt(3), Instants.fromNanos(rs.getLong(2))),
                now,
                now));
  }

  @Override
  public boolean clear(String key) {
    Args.text(key, "key", KEY_LENGTH);
    long now = now();
    return db.transaction(
        COMPONENT,
        c -> {
          boolean locked =
              Sql.queryOne(c, lockKey, KeyRow::of, key).map(r -> r.lockedAt(now)).orElse(false);
          long live = Sql.queryOne(c, slots, Slots::of, key, now).orElseThrow().total();
          Sql.update(c, deleteAttempts, key);
          Sql.update(c, deleteKey, key);
          return locked || live > 0;
        });
  }

  /**
   * Deletes expired reservations and failures, and keys with nothing left to remember.
   *
   * @return how many rows were deleted
   */
  public int purge() {
    long now = now();
    // A lock is forgotten once its end is lockoutMemory ago (at once when locks do not grow).
    long forgetLocksEndedBy = Instants.plus(now, memory().negated());
    return db.call(
        COMPONENT,
        c -> Sql.update(c, purgeAttempts, now) + Sql.update(c, purgeKeys, forgetLocksEndedBy));
  }

  /** How long consecutive locks are remembered: only progressive policies need to. */
  private Duration memory() {
    return policy.progressive() ? policy.lockoutMemory() : Duration.ZERO;
  }

  /** How many keys the tables hold (after a {@link #purge()}, the keys that still matter). */
  public long storedKeys() {
    return db.call(COMPONENT, c -> Sql.count(c, storedKeys));
  }

  long now() {
    return Instants.toNanos(clock.instant());
  }

  private static String checked(AttemptReservation.Granted reservation) {
    Objects.requireNonNull(reservation, "reservation");
    Args.text(reservation.id(), "reservation id", 64);
    return Args.text(reservation.key(), "key", KEY_LENGTH);
  }

  /** Locks the key's row for this transaction, creating it first if needed. */
  private KeyRow lockKey(Connection c, String key) throws SQLException {
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<KeyRow> row = Sql.queryOne(c, lockKey, KeyRow::of, key);
      if (row.isPresent()) {
        return row.get();
      }
      // Absent: create it. A concurrent creator makes this wait for its commit, then do nothing.
      Sql.update(c, insertKey, key);
    }
    throw new SQLException("the row of a login key kept vanishing", "40001");
  }

  private record KeyRow(Long lockedUntil, int lockCount) {
    static KeyRow of(ResultSet rs) throws SQLException {
      return new KeyRow(Sql.nullableLong(rs, 1), rs.getInt(2));
    }

    boolean lockedAt(long now) {
      return lockedUntil != null && lockedUntil > now;
    }

    boolean hasHistory() {
      return lockCount != 0 || lockedUntil != null;
    }
  }

  /** The live slots of a key: how many, how many of them failures, and when the first expires. */
  private record Slots(long total, int failures, long earliestExpiry) {
    static Slots of(ResultSet rs) throws SQLException {
      return new Slots(rs.getLong(1), rs.getInt(2), rs.getLong(3));
    }
  }
}
