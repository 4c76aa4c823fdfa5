package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.store.RateLimiter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RateLimiter} over {@code portcullis_rate_limits}, as the generic cell rate algorithm: a
 * bucket is one instant, {@code full_at}, when it is full again. Taking a permit pushes it one
 * refill interval later, allowed while it stays within one period of now. That is one conditional
 * {@code UPDATE ... RETURNING} (or {@code INSERT ... ON CONFLICT DO NOTHING} for a new bucket), so
 * instances sharing the database share every bucket exactly. Thread-safe.
 */
public final class JdbcRateLimiter implements RateLimiter {
  static final String COMPONENT = "jdbc rate limiter";

  private static final Sql.RowMapper<Long> FULL_AT = rs -> rs.getLong(1);

  private final Database db;
  private final Clock clock;
  private final String take;
  private final String takeAndPeek;
  private final boolean peekArgumentFirst;
  private final String insert;
  private final String read;
  private final String purge;
  private final String count;

  public JdbcRateLimiter(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
    String t = db.tables().name("portcullis_rate_limits");
    this.take =
        db.dialect()
            .updateReturning(
                "UPDATE "
                    + t
                    + " SET full_at = GREATEST(full_at, ?) + ?"
                    + " WHERE bucket_key = ? AND GREATEST(full_at, ?) + ? - ? <= ?",
                "full_at");
    // The same take, also returning another bucket as it stands: the failure budget a login looks
    // at right after its permit, in the same round trip.
    this.takeAndPeek =
        db.dialect()
            .updateReturning(
                "UPDATE "
                    + t
                    + " SET full_at = GREATEST(full_at, ?) + ?"
                    + " WHERE bucket_key = ? AND GREATEST(full_at, ?) + ? - ? <= ?",
                "full_at, (SELECT p.full_at FROM " + t + " p WHERE p.bucket_key = ?)");
    this.peekArgumentFirst = db.dialect() == Dialect.H2;
    this.insert =
        "INSERT INTO " + t + " (bucket_key, full_at) VALUES (?, ?) ON CONFLICT DO NOTHING";
    this.read = "SELECT full_at FROM " + t + " WHERE bucket_key = ?";
    this.purge = "DELETE FROM " + t + " WHERE full_at < ?";
    this.count = "SELECT COUNT(*) FROM " + t;
  }

  @Override
  public RateLimitDecision tryAcquire(String key, RateLimitRule rule) {
    Args.text(key, "key", 512);
    Objects.requireNonNull(rule, "rule");
    long now = Instants.toNanos(clock.instant());
    return db.call(COMPONENT, c -> take(c, key, rule, now));
  }

  /** Whether {@code db} is the database of this limiter: then one transaction can span both. */
  boolean sharesDatabase(Database db) {
    return this.db == db;
  }

  long now() {
    return Instants.toNanos(clock.instant());
  }

  /** {@link #tryAcquire} on the caller's connection (and transaction). */
  RateLimitDecision take(Connection c, String key, RateLimitRule rule, long now)
      throws SQLException {
    Args.text(key, "key", 512);
    long interval = interval(rule);
    long capacity = interval * rule.permits();
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<Long> taken =
          Sql.queryOne(c, take, FULL_AT, now, interval, key, now, interval, now, capacity);
      if (taken.isPresent()) {
        return allowed(taken.get(), now, interval, capacity);
      }
      Optional<RateLimitDecision> decided = afterMissedTake(c, key, rule, now);
      if (decided.isPresent()) {
        return decided.get();
      }
    }
    throw new SQLException("rate limit bucket kept vanishing", "40001");
  }

  /**
   * {@link #tryAcquire} of {@code key}, then, only if it was allowed, {@link #peek} of {@code
   * peekKey}: usually one statement, on the caller's connection.
   *
   * @return the take's decision, and the peek's when the take was allowed (else null)
   */
  RateLimitDecision[] takeThenPeek(
      Connection c,
      String key,
      RateLimitRule rule,
      String peekKey,
      RateLimitRule peekRule,
      long now)
      throws SQLException {
    Args.text(key, "key", 512);
    Args.text(peekKey, "key", 512);
    long interval = interval(rule);
    long capacity = interval * rule.permits();
    Object[] args =
        peekArgumentFirst
            ? new Object[] {peekKey, now, interval, key, now, interval, now, capacity}
            : new Object[] {now, interval, key, now, interval, now, capacity, peekKey};
    Optional<Long[]> taken =
        Sql.queryOne(
            c, takeAndPeek, rs -> new Long[] {rs.getLong(1), Sql.nullableLong(rs, 2)}, args);
    if (taken.isPresent()) {
      return new RateLimitDecision[] {
        allowed(taken.get()[0], now, interval, capacity), peekAt(taken.get()[1], peekRule, now)
      };
    }
    RateLimitDecision first = take(c, key, rule, now);
    if (!first.allowed()) {
      return new RateLimitDecision[] {first, null};
    }
    return new RateLimitDecision[] {
      first, peekAt(Sql.queryOne(c, read, FULL_AT, peekKey).orElse(null), peekRule, now)
    };
  }

  /**
   * After a take that changed no row: the denial when the bucket is empty, the permit when this
   * call created the bucket, or empty to try the take again (created or purged concurrently).
   */
  private Optional<RateLimitDecision> afterMissedTake(
      Connection c, String key, RateLimitRule rule, long now) throws SQLException {
    long interval = interval(rule);
    long capacity = interval * rule.permits();
    Optional<Long> existing = Sql.queryOne(c, read, FULL_AT, key);
    if (existing.isPresent()) {
      long fullAt = existing.get();
      if (Math.max(fullAt, now) + interval - now > capacity) {
        return Optional.of(
            RateLimitDecision.deny(Duration.ofNanos(fullAt + interval - capacity - now)));
      }
      return Optional.empty(); // created by a concurrent caller after the update: take from it
    }
    if (Sql.update(c, insert, key, now + interval) > 0) {
      return Optional.of(RateLimitDecision.allow(rule.permits() - 1));
    }
    return Optional.empty(); // created concurrently, or purged between the statements
  }

  private static RateLimitDecision allowed(long fullAt, long now, long interval, long capacity) {
    long remaining = (capacity - (fullAt - now)) / interval;
    return RateLimitDecision.allow((int) Math.max(0, remaining));
  }

  private static long interval(RateLimitRule rule) {
    return Math.max(1, rule.period().toNanos() / rule.permits());
  }

  /** The answer of {@link #peek} for a bucket whose row holds {@code stored} (null: no row). */
  private static RateLimitDecision peekAt(Long stored, RateLimitRule rule, long now) {
    long interval = interval(rule);
    long capacity = interval * rule.permits();
    long fullAt = stored == null ? now : Math.max(stored, now);
    if (fullAt + interval - now <= capacity) {
      long available = (capacity - (fullAt - now)) / interval;
      return RateLimitDecision.allow((int) Math.min(rule.permits(), available));
    }
    return RateLimitDecision.deny(Duration.ofNanos(fullAt + interval - capacity - now));
  }

  @Override
  public RateLimitDecision peek(String key, RateLimitRule rule) {
    Args.text(key, "key", 512);
    Objects.requireNonNull(rule, "rule");
    long now = Instants.toNanos(clock.instant());
    Long stored = db.call(COMPONENT, c -> Sql.queryOne(c, read, FULL_AT, key)).orElse(null);
    return peekAt(stored, rule, now);
  }

  /** How many buckets the table holds. */
  public long storedBuckets() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }

  /**
   * Deletes buckets that are full again (the same as having no row).
   *
   * @return how many were deleted
   */
  public int purge() {
    long now = Instants.toNanos(clock.instant());
    return db.call(COMPONENT, c -> Sql.update(c, purge, now));
  }
}
