package dev.portcullis.auth.core.hash;

import java.time.Duration;
import java.util.Objects;

/**
 * How many password hashes and verifications may run at once, and how long a caller waits for a
 * turn ({@code auth.hashing.max-concurrent}, {@code auth.hashing.max-wait}). Memory-hard hashes
 * take their memory cost each (argon2id 19 MiB by default), so an unbounded number of concurrent
 * logins runs the JVM out of heap; this bound turns that into a {@code service_unavailable} answer
 * with a retry time. Immutable.
 *
 * @param maxConcurrent hashes and verifications running at once, at least 1
 * @param maxWait longest wait for a turn before the operation is refused, zero or positive
 */
public record HashingLimits(int maxConcurrent, Duration maxWait) {

  /** The default wait for a turn. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

  public HashingLimits {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, is " + maxConcurrent);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative");
    }
  }

  /**
   * What a refused caller is told to wait: {@link #maxWait()} rounded up to whole seconds, at least
   * one second (the unit of {@code Retry-After}).
   */
  public Duration retryAfter() {
    long seconds = maxWait.getSeconds() + (maxWait.getNano() > 0 ? 1 : 0);
    return Duration.ofSeconds(Math.max(1, seconds));
  }

  /**
   * Twice the available processors (hashing is CPU-bound, and a second permit per core covers
   * threads parked in I/O), lowered so that {@code maxConcurrent} hashes of {@code bytesPerHash}
   * fit in half of {@code maxHeapBytes}; at least 1.
   *
   * @param processors {@link Runtime#availableProcessors()}
   * @param maxHeapBytes {@link Runtime#maxMemory()}; {@link Long#MAX_VALUE} for no limit
   * @param bytesPerHash memory one hash takes ({@link HashingSettings#bytesPerHash()}), 0 if
   *     negligible
   */
  public static int automaticConcurrency(int processors, long maxHeapBytes, long bytesPerHash) {
    int byCores = Math.max(1, 2 * processors);
    if (bytesPerHash <= 0) {
      return byCores;
    }
    long byMemory = hashingBudget(maxHeapBytes) / bytesPerHash;
    return (int) Math.max(1, Math.min(byCores, byMemory));
  }

  /** The share of the heap that concurrent hashes may take: half, leaving the rest to the rest. */
  public static long hashingBudget(long maxHeapBytes) {
    return maxHeapBytes / 2;
  }
}
