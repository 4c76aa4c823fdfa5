package dev.portcullis.auth.core.metrics;

import dev.portcullis.auth.api.PasswordHasher;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/** A {@link PasswordHasher} that times hashing and verification. Thread-safe. */
final class TimedPasswordHasher implements PasswordHasher {
  private final PasswordHasher delegate;
  private final Timer hash;
  private final Timer verify;

  TimedPasswordHasher(PasswordHasher delegate, Timer hash, Timer verify) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.hash = hash;
    this.verify = verify;
  }

  @Override
  public String hash(CharSequence password) {
    return hash.record(() -> delegate.hash(password));
  }

  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    return verify.record(() -> delegate.verify(password, encodedHash));
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
