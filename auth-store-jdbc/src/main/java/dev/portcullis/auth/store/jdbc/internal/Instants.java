package dev.portcullis.auth.store.jdbc.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Instants as the tables store them: nanoseconds since the epoch in a BIGINT, exact between 1677
 * and 2262, saturated beyond.
 */
public final class Instants {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private Instants() {}

  /** {@code instant} in nanoseconds since the epoch, saturated at the range of a long. */
  public static long toNanos(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException overflow) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The instant of a stored value. */
  public static Instant fromNanos(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  /** {@code nanos + duration}, saturated. */
  public static long plus(long nanos, Duration duration) {
    long d;
    try {
      d = duration.toNanos();
    } catch (ArithmeticException overflow) {
      d = duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    long sum = nanos + d;
    // Overflow iff both operands have the same sign and the sum's sign differs.
    if (((nanos ^ sum) & (d ^ sum)) < 0) {
      return d < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
