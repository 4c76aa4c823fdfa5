package dev.portcullis.auth.core.metrics;

import dev.portcullis.auth.api.PasswordHasher;
import java.util.Objects;
import java.util.function.LongConsumer;

/** A {@link PasswordHasher} that times hashing and verification. Thread-safe. */
final class TimedPasswordHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final LongConsumer hash;
  private final LongConsumer verify;

  /** {@code hash} and {@code verify} take the nanoseconds each call took. */
  TimedPasswordHasher(PasswordHasher delegate, LongConsumer hash, LongConsumer verify) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.hash = hash;
    this.verify = verify;
  }

  @Override
  public String hash(CharSequence password) {
    long start = System.nanoTime();
    try {
      return delegate.hash(password);
    } finally {
      hash.accept(System.nanoTime() - start);
    }
  }

  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    long start = System.nanoTime();
    try {
      return delegate.verify(password, encodedHash);
    } finally {
      verify.accept(System.nanoTime() - start);
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
}
