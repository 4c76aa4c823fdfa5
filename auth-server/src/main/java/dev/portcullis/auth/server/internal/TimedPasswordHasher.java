package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.api.PasswordHasher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * A {@link PasswordHasher} that times every hash and verification ({@code
 * portcullis.password.hash}, tagged {@code operation=hash|verify}), so operators see what hashing
 * costs, the usual cause of slow logins. Thread-safe.
 */
public final class TimedPasswordHasher implements PasswordHasher {

  private final PasswordHasher delegate;
  private final Timer hash;
  private final Timer verify;

  public TimedPasswordHasher(PasswordHasher delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.hash = timer(registry, "hash");
    this.verify = timer(registry, "verify");
  }

  private static Timer timer(MeterRegistry registry, String operation) {
    return Timer.builder("portcullis.password.hash")
        .description("Time spent hashing and verifying passwords")
        .tag("operation", operation)
        .register(registry);
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
