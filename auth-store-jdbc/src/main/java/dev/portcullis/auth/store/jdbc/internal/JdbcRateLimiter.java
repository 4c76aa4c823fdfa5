package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.store.RateLimiter;
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
    long interval = Math.max(1, rule.period().toNanos() / rule.permits());
    long capacity = interval * rule.permits();
    return db.call(
        COMPONENT,
        c -> {
          for (int attempt = 0; attempt < 10; attempt++) {
            Optional<Long> taken =
                Sql.queryOne(c, take, FULL_AT, now, interval, key, now, interval, now, capacity);
            if (taken.isPresent()) {
              long remaining = (capacity - (taken.get() - now)) / interval;
              return RateLimitDecision.allow((int) Math.max(0, remaining));
            }
            // No permit taken: either the bucket is empty, or there is no bucket yet.
            Optional<Long> existing = Sql.queryOne(c, read, FULL_AT, key);
            if (existing.isPresent()) {
              long fullAt = existing.get();
              if (Math.max(fullAt, now) + interval - now > capacity) {
                return RateLimitDecision.deny(Duration.ofNanos(fullAt + interval - capacity - now));
              }
              continue; // created by a concurrent caller after the update: take from it
            }
            if (Sql.update(c, insert, key, now + interval) > 0) {
              return RateLimitDecision.allow(rule.permits() - 1);
            }
            // Created concurrently, or purged between the statements: start again.
          }
          throw new SQLException("rate limit bucket kept vanishing", "40001");
        });
  }

  @Override
  public RateLimitDecision peek(String key, RateLimitRule rule) {
    Args.text(key, "key", 512);
    Objects.requireNonNull(rule, "rule");
    long now = Instants.toNanos(clock.instant());
    long interval = Math.max(1, rule.period().toNanos() / rule.permits());
    long capacity = interval * rule.permits();
    long fullAt =
        db.call(COMPONENT, c -> Sql.queryOne(c, read, FULL_AT, key))
            .map(stored -> Math.max(stored, now))
            .orElse(now);
    if (fullAt + interval - now <= capacity) {
      long available = (capacity - (fullAt - now)) / interval;
      return RateLimitDecision.allow((int) Math.min(rule.permits(), available));
    }
    return RateLimitDecision.deny(Duration.ofNanos(fullAt + interval - capacity - now));
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
