package dev.portcullis.auth.core.hash;

import java.time.Duration;
import java.util.Objects;

/**
 * How many password hashes and verifications may run at once, how many callers may wait for a turn,
 * and how long ({@code auth.hashing.max-concurrent}, {@code auth.hashing.max-queue}, {@code
 * auth.hashing.max-wait}). Memory-hard hashes take their memory cost each (argon2id 19 MiB by
 * default), so an unbounded number of concurrent logins runs the JVM out of heap, and more hashes
 * than cores only interleave and evict each other's memory from the caches; this bound turns both
 * into a queue, and a full queue or a long wait into a {@code service_unavailable} answer with a
 * retry time. Immutable.
 *
 * @param maxConcurrent hashes and verifications running at once, at least 1
 * @param maxWait longest wait for a turn before the operation is refused, zero or positive
 * @param maxQueue callers that may wait for a turn at once; one more is refused at once, at least 0
 */
public record HashingLimits(int maxConcurrent, Duration maxWait, int maxQueue) {

  /** The default wait for a turn. */
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(2);

  /**
   * Waiting callers per permit when {@code auth.hashing.max-queue} is 0: 16 default argon2id
   * verifications (about 30 ms each on one core) drain in about half a second, well within the
   * default wait, so a queue that long still gets its turns.
   */
  public static final int DEFAULT_QUEUE_PER_PERMIT = 16;

  public HashingLimits {
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, is " + maxConcurrent);
    }
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative");
    }
    if (maxQueue < 0) {
      throw new IllegalArgumentException("maxQueue must not be negative, is " + maxQueue);
    }
  }

  /** Limits with the default queue, {@link #DEFAULT_QUEUE_PER_PERMIT} per permit. */
  public HashingLimits(int maxConcurrent, Duration maxWait) {
    this(maxConcurrent, maxWait, automaticQueue(maxConcurrent));
  }

  /** {@link #DEFAULT_QUEUE_PER_PERMIT} waiting callers per permit. */
  public static int automaticQueue(int maxConcurrent) {
    return (int) Math.min(Integer.MAX_VALUE, (long) DEFAULT_QUEUE_PER_PERMIT * maxConcurrent);
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
   * One permit per available processor (a hash is CPU-bound and does no I/O while it holds its
   * permit; two hashes time-sliced on one core take twice as long each and evict each other's
   * memory from the caches, issue 17), lowered so that {@code maxConcurrent} hashes of {@code
   * bytesPerHash} fit in half of {@code maxHeapBytes}; at least 1.
   *
   * @param processors {@link Runtime#availableProcessors()}
   * @param maxHeapBytes {@link Runtime#maxMemory()}; {@link Long#MAX_VALUE} for no limit
   * @param bytesPerHash memory one hash takes ({@link HashingSettings#bytesPerHash()}), 0 if
   *     negligible
   */
  public static int automaticConcurrency(int processors, long maxHeapBytes, long bytesPerHash) {
    int byCores = Math.max(1, processors);
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
