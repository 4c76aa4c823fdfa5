package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A Caffeine {@link Ticker} that reads the injected {@link Clock}, so that moving the clock (in
 * tests, or a corrected wall clock) expires entries exactly when the stores' instants say.
 *
 * <p>Ticks are nanoseconds since the instant the ticker was created, saturated at the range of a
 * {@code long}, which keeps Caffeine's arithmetic far from overflow. Thread-safe if the clock is.
 */
final class ClockTicker implements Ticker {

  private final Clock clock;
  private final Instant origin;

  ClockTicker(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.origin = clock.instant();
  }

  /** The clock's instant now. */
  Instant now() {
    return clock.instant();
  }

  @Override
  public long read() {
    return ticksAt(clock.instant());
  }

  /** The tick value of {@code instant}. */
  long ticksAt(Instant instant) {
    return saturatedNanos(Duration.between(origin, instant));
  }

  /**
   * Caffeine's remaining lifetime, in nanoseconds, of an entry that matters until {@code until},
   * seen at tick {@code currentTime}: zero once it has passed.
   */
  long nanosUntil(Instant until, long currentTime) {
    long remaining = ticksAt(until) - currentTime;
    // Both terms are far inside the long range (see saturatedNanos), so this cannot overflow.
    return Math.max(0, remaining);
  }

  /** {@code d} in nanoseconds, saturated to a quarter of the {@code long} range (73 years). */
  static long saturatedNanos(Duration d) {
    long limit = Long.MAX_VALUE / 4;
    if (d.getSeconds() >= limit / 1_000_000_000L) {
      return limit;
    }
    if (d.getSeconds() <= -limit / 1_000_000_000L) {
      return -limit;
    }
    return d.toNanos();
  }
}
