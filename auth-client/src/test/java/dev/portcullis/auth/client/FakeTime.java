package dev.portcullis.auth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told, and a {@link Sleeper} that moves it instead of sleeping (by
 * the requested duration times a factor, to play a machine that oversleeps). No test waits.
 */
final class FakeTime extends Clock {
  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final List<Duration> sleeps = new ArrayList<>();
  private volatile long factor = 1;

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException();
  }

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  /** Each sleep moves the clock by {@code factor} times what was asked. */
  void oversleep(long factor) {
    this.factor = factor;
  }

  Sleeper sleeper() {
    return duration -> {
      synchronized (sleeps) {
        sleeps.add(duration);
      }
      advance(duration.multipliedBy(factor));
    };
  }

  List<Duration> sleeps() {
    synchronized (sleeps) {
      return List.copyOf(sleeps);
    }
  }
}
