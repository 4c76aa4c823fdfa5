package dev.portcullis.auth.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * When failed logins lock a key, and for how long.
 *
 * <p>{@code maxAttempts} failures within {@code window} lock the key for {@code duration}. With a
 * positive {@code durationIncrement} the lock grows progressively: the n-th consecutive lockout
 * (without a successful login or an operator clear in between) lasts {@code duration + (n - 1) *
 * durationIncrement}, capped at {@code maxDuration}, as Keycloak's brute-force detection does.
 * Consecutive lockouts are remembered for {@code lockoutMemory} after the last one ended.
 *
 * @param maxAttempts failures that trigger a lock, at least 1
 * @param window how far back failures count
 * @param duration length of the first lock
 * @param durationIncrement added per further consecutive lock; zero for a fixed duration
 * @param maxDuration the longest lock, at least {@code duration}
 * @param lockoutMemory how long consecutive lockouts are remembered
 */
public record LockoutPolicy(
    int maxAttempts,
    Duration window,
    Duration duration,
    Duration durationIncrement,
    Duration maxDuration,
    Duration lockoutMemory) {

  public LockoutPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    positive(window, "window");
    positive(duration, "duration");
    Objects.requireNonNull(durationIncrement, "durationIncrement");
    if (durationIncrement.isNegative()) {
      throw new IllegalArgumentException("durationIncrement must not be negative");
    }
    positive(maxDuration, "maxDuration");
    if (maxDuration.compareTo(duration) < 0) {
      throw new IllegalArgumentException("maxDuration must be at least duration");
    }
    Objects.requireNonNull(lockoutMemory, "lockoutMemory");
    if (lockoutMemory.isNegative()) {
      throw new IllegalArgumentException("lockoutMemory must not be negative");
    }
  }

  /**
   * The seeds' defaults: 5 failures within 5 minutes lock for 5 minutes, not progressive (a cap of
   * 30 minutes and a memory of 12 hours apply once an increment is set).
   */
  public static LockoutPolicy defaults() {
    Duration five = Duration.ofMinutes(5);
    return new LockoutPolicy(
        5, five, five, Duration.ZERO, Duration.ofMinutes(30), Duration.ofHours(12));
  }

  /** Whether locks grow with each consecutive lockout. */
  public boolean progressive() {
    return !durationIncrement.isZero() && maxDuration.compareTo(duration) > 0;
  }

  /**
   * The length of the {@code n}-th consecutive lock (1-based).
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Duration lockDuration(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1");
    }
    if (!progressive()) {
      return duration;
    }
    // Saturating arithmetic: a huge n must cap, not overflow.
    long extraSeconds;
    try {
      extraSeconds = Math.multiplyExact(durationIncrement.toSeconds(), (long) (n - 1));
    } catch (ArithmeticException overflow) {
      return maxDuration;
    }
    Duration d = duration.plusSeconds(Math.min(extraSeconds, maxDuration.toSeconds()));
    return d.compareTo(maxDuration) > 0 ? maxDuration : d;
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
