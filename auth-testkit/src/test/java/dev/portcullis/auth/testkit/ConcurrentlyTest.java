package dev.portcullis.auth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class ConcurrentlyTest {

  @Test
  void run_returnsTheResultsInTheOrderOfTheirIndex() {
    List<Integer> squares = Concurrently.run(10, i -> i * i);

    assertThat(squares).containsExactly(0, 1, 4, 9, 16, 25, 36, 49, 64, 81);
  }

  @Test
  void run_hasEveryTaskRunningAtTheSameTime() {
    // The barrier only opens once all 20 tasks are inside it at once.
    CyclicBarrier allInside = new CyclicBarrier(20);

    List<Integer> arrivals =
        Concurrently.run(
            20,
            i -> {
              try {
                return allInside.await(10, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(arrivals).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void run_failsWithTheTasksExceptionAsTheCause() {
    IllegalStateException boom = new IllegalStateException("boom");

    assertThatThrownBy(
            () ->
                Concurrently.run(
                    5,
                    i -> {
                      if (i == 3) {
                        throw boom;
                      }
                      return i;
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("boom")
        .hasCause(boom);
  }

  @Test
  void run_refusesFewerThanOneThread() {
    assertThatThrownBy(() -> Concurrently.run(0, i -> i))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
