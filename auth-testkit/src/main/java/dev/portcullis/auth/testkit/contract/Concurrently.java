package dev.portcullis.auth.testkit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** Runs tasks on many threads at once: all threads wait at one start gate, then race. */
final class Concurrently {

  private static final long TIMEOUT_SECONDS = 30;

  private Concurrently() {}

  /**
   * Runs {@code task.apply(i)} for {@code i} in {@code [0, threads)}, each on its own thread,
   * released together.
   *
   * @return the results in the order of {@code i}
   * @throws AssertionError if a task fails or the threads do not finish in time
   */
  static <T> List<T> run(int threads, IntFunction<T> task) {
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
              if (!gate.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the start gate never opened");
              }
              return task.apply(index);
            };
        futures.add(pool.submit(racer));
      }
      if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError(threads + " threads did not start in time");
      }
      gate.countDown();
      List<T> results = new ArrayList<>(threads);
      for (Future<T> f : futures) {
        results.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (Exception e) {
      throw new AssertionError("a concurrent task failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
