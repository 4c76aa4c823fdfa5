package dev.portcullis.auth.api.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of {@code RateLimiter.tryAcquire}.
 *
 * @param allowed whether a permit was taken
 * @param remaining permits left right after this decision
 * @param retryAfter when refused, how long until a permit is available; zero when allowed
 */
public record RateLimitDecision(boolean allowed, int remaining, Duration retryAfter) {

  public RateLimitDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
    if (remaining < 0) {
      throw new IllegalArgumentException("remaining must not be negative");
    }
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative");
    }
  }

  /** A permit was taken. */
  public static RateLimitDecision allow(int remaining) {
    return new RateLimitDecision(true, remaining, Duration.ZERO);
  }

  /** Refused; retry after the given time. */
  public static RateLimitDecision deny(Duration retryAfter) {
    return new RateLimitDecision(false, 0, retryAfter);
  }
}
