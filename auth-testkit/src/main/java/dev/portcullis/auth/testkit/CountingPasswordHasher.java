package dev.portcullis.auth.testkit;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link PasswordHasher} that delegates and counts verifications, so a test can prove how often a
 * password was really checked (the lockout bound, "no hashing when locked"). Thread-safe.
 */
public final class CountingPasswordHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final AtomicInteger verifications = new AtomicInteger();

  public CountingPasswordHasher(PasswordHasher delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The real hasher with cheap argon2id settings (256 KiB, one pass), counted. */
  public static CountingPasswordHasher fast() {
    return new CountingPasswordHasher(
        PasswordHashers.create(HashingSettings.defaults().withArgon2(256, 1, 1)));
  }

  /** Verifications since creation or the last {@link #reset()}. */
  public int verifications() {
    return verifications.get();
  }

  /** Sets the count back to zero. */
  public void reset() {
    verifications.set(0);
  }

  @Override
  public String hash(CharSequence password) {
    return delegate.hash(password);
  }

  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    verifications.incrementAndGet();
    return delegate.verify(password, encodedHash);
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
