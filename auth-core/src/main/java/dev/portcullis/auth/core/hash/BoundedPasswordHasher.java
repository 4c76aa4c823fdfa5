package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@link #hash} and {@link #verify} of another hasher with at most {@link
 * HashingLimits#maxConcurrent()} at a time. A caller waits for a turn in arrival order (a fair
 * semaphore) for at most {@link HashingLimits#maxWait()}, with at most {@link
 * HashingLimits#maxQueue()} callers waiting; a caller that finds the queue full, waits too long or
 * is interrupted gets a {@link ServiceUnavailableException} ({@code service_unavailable}, HTTP 503)
 * with {@link HashingLimits#retryAfter()} as its retry time, and nothing was hashed. {@link
 * #needsRehash} and {@link #supports} only parse, so they take no turn.
 *
 * <p>{@code AuthModule} puts one around whatever {@link PasswordHasher} is bound, and login,
 * registration, password change and reset all hash through it, including the dummy verification for
 * unknown identifiers, so every path waits alike. Thread-safe.
 */
public final class BoundedPasswordHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final HashingLimits limits;
  private final Semaphore permits;
  private final AtomicInteger waiting = new AtomicInteger();

  /** Bounds {@code delegate} by {@code limits}. */
  public BoundedPasswordHasher(PasswordHasher delegate, HashingLimits limits) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.permits = new Semaphore(limits.maxConcurrent(), true);
  }

  /**
   * {@inheritDoc}
   *
   * @throws ServiceUnavailableException if no turn came within the maximum wait
   */
  @Override
  public String hash(CharSequence password) {
    acquire();
    try {
      return delegate.hash(password);
    } finally {
      permits.release();
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws ServiceUnavailableException if no turn came within the maximum wait
   */
  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    acquire();
    try {
      return delegate.verify(password, encodedHash);
    } finally {
      permits.release();
    }
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    return delegate.needsRehash(encodedHash);
  }

  @Override
  public boolean supports(String encodedHash) {
    return delegate.supports(encodedHash);
  }

  /** The limits this hasher enforces. */
  public HashingLimits limits() {
    return limits;
  }

  /** Turns free right now; for metrics and tests. */
  public int availablePermits() {
    return permits.availablePermits();
  }

  /** Callers waiting for a turn right now; for metrics and tests. */
  public int waiting() {
    return waiting.get();
  }

  private void acquire() {
    // A free permit and nobody waiting: no queueing (tryAcquire() would barge past the queue).
    if (!permits.hasQueuedThreads() && permits.tryAcquire()) {
      return;
    }
    if (waiting.incrementAndGet() > limits.maxQueue()) {
      waiting.decrementAndGet();
      throw busy(
          "all "
              + limits.maxConcurrent()
              + " hashing permits (auth.hashing.max-concurrent) are busy and "
              + limits.maxQueue()
              + " requests already wait for one (auth.hashing.max-queue); add instances or CPU");
    }
    boolean acquired;
    try {
      acquired = permits.tryAcquire(limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy("the waiting thread was interrupted");
    } finally {
      waiting.decrementAndGet();
    }
    if (!acquired) {
      throw busy(
          "all "
              + limits.maxConcurrent()
              + " hashing permits (auth.hashing.max-concurrent) stayed busy for "
              + limits.maxWait().toMillis()
              + " ms (auth.hashing.max-wait); add instances or CPU, or raise max-concurrent"
              + " together with the heap");
    }
  }

  private ServiceUnavailableException busy(String detail) {
    return new ServiceUnavailableException(
        new AuthError.ServiceUnavailable("password hashing", detail, limits.retryAfter()));
  }
}
