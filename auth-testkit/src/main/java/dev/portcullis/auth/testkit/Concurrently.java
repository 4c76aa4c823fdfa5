package dev.portcullis.auth.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs a task on many threads at once, for tests of atomicity: every thread is started and waits at
 * one start gate, then all are released together, so the calls overlap as much as the machine
 * allows. This is what the contract suites use for their races.
 *
 * <pre>{@code
 * List<AttemptReservation> reservations =
 *     Concurrently.run(100, i -> tracker.reserve("alice@example.com"));
 * assertThat(reservations).filteredOn(r -> r instanceof AttemptReservation.Granted).hasSize(5);
 * }</pre>
 *
 * <p>Each call uses its own pool of {@code threads} threads and shuts it down before returning.
 * Threads start within 30 seconds and the tasks finish within 60 seconds, or the call fails.
 */
public final class Concurrently {

  private static final long START_SECONDS = 30;
  private static final long FINISH_SECONDS = 60;

  private Concurrently() {}

  /**
   * Runs {@code task.apply(i)} for every {@code i} in {@code [0, threads)}, each on its own thread,
   * all released together.
   *
   * @return the results in the order of {@code i}
   * @throws AssertionError if a task throws (the task's exception is the cause), or the threads do
   *     not start or finish in time
   * @throws IllegalArgumentException if {@code threads} is below 1
   */
  public static <T> List<T> run(int threads, IntFunction<T> task) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>(threads);
      for (int i = 0; i < threads; i++) {
        int index = i;
        Callable<T> racer =
            () -> {
              ready.countDown();
              if (!gate.await(START_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the start gate never opened");
              }
              return task.apply(index);
            };
        futures.add(pool.submit(racer));
      }
      if (!ready.await(START_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(threads + " threads did not start in time");
      }
      gate.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FINISH_SECONDS);
      List<T> results = new ArrayList<>(threads);
      for (Future<T> f : futures) {
        results.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError(threads + " concurrent tasks did not finish in time", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
