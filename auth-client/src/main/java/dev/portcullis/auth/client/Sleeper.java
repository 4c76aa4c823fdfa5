package dev.portcullis.auth.client;

import java.time.Duration;

/**
 * Waits between polls. A test seam: tests pass a sleeper that advances their fake clock instead of
 * sleeping.
 */
@FunctionalInterface
public interface Sleeper {

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep(long)}. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
