package dev.portcullis.auth.core.hash.internal;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory of Argon2 hashes, kept between calls: a hash takes an arena ({@code long[]}), fills
 * it, clears it and gives it back. At most {@link #capacity()} arenas are kept; more concurrent
 * hashes allocate and drop their own, so what stays on the heap is bounded by the capacity times
 * the largest memory cost seen. The capacity defaults to the hashing pool's automatic size (twice
 * the processors), which {@code auth.hashing.max-concurrent} bounds in front of this. Thread-safe.
 */
final class BlockArenas {
  /** The process-wide arenas that {@link Kdf#argon2} uses. */
  static final BlockArenas SHARED = new BlockArenas(2 * Runtime.getRuntime().availableProcessors());

  private final int capacity;
  private final ConcurrentLinkedDeque<long[]> free = new ConcurrentLinkedDeque<>();
  private final AtomicInteger kept = new AtomicInteger();

  BlockArenas(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative");
    }
    this.capacity = capacity;
  }

  /**
   * An arena of at least {@code longs} words: a kept one when one is large enough (a smaller one is
   * dropped for the garbage collector), else a new one. Its content is zero.
   */
  long[] take(int longs) {
    long[] arena;
    while ((arena = free.pollFirst()) != null) {
      kept.decrementAndGet();
      if (arena.length >= longs) {
        return arena;
      }
    }
    return new long[longs];
  }

  /** Keeps {@code arena} (cleared by the caller) for the next hash, unless enough are kept. */
  void give(long[] arena) {
    if (kept.incrementAndGet() <= capacity) {
      free.offerFirst(arena);
    } else {
      kept.decrementAndGet();
    }
  }

  /** How many arenas at most are kept. */
  int capacity() {
    return capacity;
  }

  /** How many arenas are kept right now; for tests. */
  int kept() {
    return kept.get();
  }
}
