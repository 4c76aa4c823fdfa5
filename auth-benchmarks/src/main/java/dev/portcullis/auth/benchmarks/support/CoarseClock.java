package dev.portcullis.auth.benchmarks.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.locks.LockSupport;

/**
 * A UTC clock that a daemon thread advances about once a millisecond, so that a read costs one
 * volatile load instead of a system call. For diagnostic benchmarks only: measured side by side
 * with the system clock, it shows how much of an operation is spent reading the time. Close it to
 * stop the thread.
 */
public final class CoarseClock extends Clock implements AutoCloseable {

  private volatile Instant now = Instant.now();
  private volatile boolean running = true;
  private final Thread ticker;

  public CoarseClock() {
    ticker =
        new Thread(
            () -> {
              while (running) {
                now = Instant.now();
                LockSupport.parkNanos(1_000_000);
              }
            },
            "coarse-clock");
    ticker.setDaemon(true);
    ticker.start();
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a UTC clock for benchmarks");
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(ticker);
  }
}
