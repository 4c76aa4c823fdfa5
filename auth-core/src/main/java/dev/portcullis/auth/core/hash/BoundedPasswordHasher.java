package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link #hash} and {@link #verify} of another hasher with at most {@link
 * HashingLimits#maxConcurrent()} at a time. A caller waits for a turn in arrival order (a fair
 * semaphore) for at most {@link HashingLimits#maxWait()}; after that, or when interrupted, it gets
 * a {@link ServiceUnavailableException} ({@code service_unavailable}, HTTP 503) with {@link
 * HashingLimits#retryAfter()} as its retry time, and nothing was hashed. {@link #needsRehash} and
 * {@link #supports} only parse, so they take no turn.
 *
 * <p>{@code AuthModule} puts one around whatever {@link PasswordHasher} is bound, and login,
 * registration, password change and reset all hash through it, including the dummy verification for
 * unknown identifiers, so every path waits alike. Thread-safe.
 */
public final class BoundedPasswordHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final HashingLimits limits;
  private final Semaphore permits;

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

  private void acquire() {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(limits.maxWait().toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw busy("the waiting thread was interrupted");
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
