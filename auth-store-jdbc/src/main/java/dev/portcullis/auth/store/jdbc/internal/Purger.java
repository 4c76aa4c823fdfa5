package dev.portcullis.auth.store.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the purge of expired rows every interval on one daemon thread, until {@link #close()}. A
 * failed run (database down) is logged and the next one runs as planned. Thread-safe.
 */
public final class Purger implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Purger.class);

  private final ScheduledExecutorService executor;
  private final IntSupplier purge;
  private final Object monitor = new Object();
  private long completedRuns;

  /** Starts purging every {@code interval}, the first time one interval from now. */
  public Purger(String name, Duration interval, IntSupplier purge) {
    this.purge = purge;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
    long nanos = interval.toNanos();
    executor.scheduleWithFixedDelay(this::runOnce, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private void runOnce() {
    try {
      int deleted = purge.getAsInt();
      LOG.debug("purged {} expired rows", deleted);
    } catch (RuntimeException e) {
      // Never let it escape: a scheduled task that throws is never run again.
      LOG.warn("purge of expired rows failed; retrying in one interval: {}", e.getMessage());
    } finally {
      synchronized (monitor) {
        completedRuns++;
        monitor.notifyAll();
      }
    }
  }

  /** How many runs finished, successfully or not. */
  public long completedRuns() {
    synchronized (monitor) {
      return completedRuns;
    }
  }

  /**
   * Waits until at least {@code runs} runs finished.
   *
   * @return whether they did within {@code timeout}
   */
  public boolean awaitRuns(long runs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (monitor) {
      while (completedRuns < runs) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(monitor, left);
      }
      return true;
    }
  }

  /** Stops purging; waits briefly for a run in progress. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
