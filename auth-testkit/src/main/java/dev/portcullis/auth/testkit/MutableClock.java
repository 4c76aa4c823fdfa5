package dev.portcullis.auth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand instead of sleeping: bind it as the injected clock, then
 * {@link #advance} it to end windows, locks and token lifetimes. Its zone is UTC.
 *
 * <p>Thread-safe: every thread sees the latest instant set.
 */
public final class MutableClock extends Clock {

  private final AtomicReference<Instant> now;

  private MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** A clock that reads {@code start} until it is moved. */
  public static MutableClock at(Instant start) {
    return new MutableClock(start);
  }

  /**
   * Moves the clock forward.
   *
   * @return the new instant
   * @throws IllegalArgumentException if {@code by} is negative (use {@link #set} to go back)
   */
  public Instant advance(Duration by) {
    Objects.requireNonNull(by, "by");
    if (by.isNegative()) {
      throw new IllegalArgumentException("cannot advance by a negative duration: " + by);
    }
    return now.updateAndGet(t -> t.plus(by));
  }

  /** Sets the clock to {@code instant}, forward or back. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public long millis() {
    return now.get().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** A view of this clock in another zone: moving this clock moves the view. */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    MutableClock source = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }

      @Override
      public Instant instant() {
        return source.instant();
      }
    };
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
