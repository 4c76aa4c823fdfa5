package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.store.LoginGate;
import java.util.Objects;

/**
 * The {@link LoginGate} of a {@link JdbcLoginAttemptTracker} and the {@link JdbcRateLimiter} of the
 * same database: before the hash, the permit, the look at the failure budget and the reservation
 * are one transaction of three statements (the permit and the look are one); after a failure, the
 * failure and the budget's charge are one transaction. The rate bucket's row is locked before the
 * key's row and the key's before the failure budget's, in every step, so the steps cannot deadlock
 * each other. Thread-safe.
 */
final class JdbcLoginGate implements LoginGate {
  private final Database db;
  private final JdbcLoginAttemptTracker tracker;
  private final JdbcRateLimiter limiter;

  JdbcLoginGate(Database db, JdbcLoginAttemptTracker tracker, JdbcRateLimiter limiter) {
    this.db = db;
    this.tracker = tracker;
    this.limiter = limiter;
  }

  @Override
  public Entry enter(String key, Limits limits) {
    Args.text(key, "key", 512);
    Objects.requireNonNull(limits, "limits");
    long now = tracker.now();
    return db.transaction(
        JdbcLoginAttemptTracker.COMPONENT,
        c -> {
          RateLimitDecision[] rate =
              limiter.takeThenPeek(
                  c, limits.rateKey(), limits.rate(), limits.budgetKey(), limits.budget(), now);
          if (!rate[0].allowed()) {
            return new Entry.RateLimited(limits.rateKey(), limits.rate(), rate[0]);
          }
          if (!rate[1].allowed()) {
            return new Entry.RateLimited(limits.budgetKey(), limits.budget(), rate[1]);
          }
          AttemptReservation reservation = tracker.reserve(c, key, now);
          return reservation instanceof AttemptReservation.Granted granted
              ? new Entry.Admitted(granted)
              : new Entry.Locked((AttemptReservation.Denied) reservation);
        });
  }

  @Override
  public LockStatus failed(AttemptReservation.Granted slot, Limits limits) {
    Objects.requireNonNull(limits, "limits");
    long now = tracker.now();
    return db.transaction(
        JdbcLoginAttemptTracker.COMPONENT,
        c -> {
          LockStatus status = tracker.recordFailure(c, slot, now);
          limiter.take(c, limits.budgetKey(), limits.budget(), now);
          return status;
        });
  }

  @Override
  public void succeeded(AttemptReservation.Granted slot) {
    tracker.recordSuccess(slot);
  }

  @Override
  public void release(AttemptReservation.Granted slot) {
    tracker.release(slot);
  }
}
