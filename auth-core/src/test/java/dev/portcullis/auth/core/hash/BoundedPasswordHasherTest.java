package dev.portcullis.auth.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class BoundedPasswordHasherTest {
  private static final Duration SHORT_WAIT = Duration.ofMillis(20);

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final CountDownLatch entered = new CountDownLatch(2);
  private final CountDownLatch release = new CountDownLatch(1);

  /** Verifies block until the test releases them, after saying they are in. */
  private final PasswordHasher blocking =
      new PasswordHasher() {
        @Override
        public String hash(CharSequence password) {
          return "$plain$" + password;
        }

        @Override
        public boolean verify(CharSequence password, String encodedHash) {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return true;
        }

        @Override
        public boolean needsRehash(String encodedHash) {
          return false;
        }

        @Override
        public boolean supports(String encodedHash) {
          return true;
        }
      };

  @AfterEach
  void tearDown() {
    release.countDown();
    pool.shutdownNow();
  }

  @Test
  void aThirdCallerWaitsAtMostMaxWaitThenGetsServiceUnavailableWithRetryAfter() throws Exception {
    BoundedPasswordHasher bounded =
        new BoundedPasswordHasher(blocking, new HashingLimits(2, SHORT_WAIT));
    Future<Boolean> first = pool.submit(() -> bounded.verify("a", "$plain$a"));
    Future<Boolean> second = pool.submit(() -> bounded.verify("b", "$plain$b"));
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bounded.availablePermits()).isZero();

    assertThatThrownBy(() -> bounded.hash("c"))
        .isInstanceOf(ServiceUnavailableException.class)
        .satisfies(
            e -> {
              AuthError error = ((ServiceUnavailableException) e).error();
              assertThat(error.code()).isEqualTo("service_unavailable");
              assertThat(error.httpStatus()).isEqualTo(503);
              assertThat(error.retryAfter()).contains(Duration.ofSeconds(1));
              assertThat(error.message())
                  .contains("auth.hashing.max-concurrent")
                  .contains("auth.hashing.max-wait")
                  .doesNotContain("$plain$");
            });

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(bounded.availablePermits()).as("permits come back").isEqualTo(2);
    assertThat(bounded.hash("c")).isEqualTo("$plain$c");
  }

  @Test
  void aDelegateFailure_givesThePermitBack() {
    PasswordHasher failing =
        new PasswordHasher() {
          @Override
          public String hash(CharSequence password) {
            throw new IllegalArgumentException("too long for this algorithm");
          }

          @Override
          public boolean verify(CharSequence password, String encodedHash) {
            throw new IllegalArgumentException("unsupported");
          }

          @Override
          public boolean needsRehash(String encodedHash) {
            return false;
          }

          @Override
          public boolean supports(String encodedHash) {
            return false;
          }
        };
    BoundedPasswordHasher bounded =
        new BoundedPasswordHasher(failing, new HashingLimits(1, Duration.ZERO));

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> bounded.hash("x")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> bounded.verify("x", "y"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(bounded.availablePermits()).isEqualTo(1);
  }

  @Test
  void parsingCallsTakeNoPermit() throws Exception {
    BoundedPasswordHasher bounded =
        new BoundedPasswordHasher(blocking, new HashingLimits(1, Duration.ZERO));
    pool.submit(() -> bounded.verify("a", "$plain$a"));
    entered.countDown(); // only one verify will enter
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(bounded.supports("$plain$x")).isTrue();
    assertThat(bounded.needsRehash("$plain$x")).isFalse();
  }

  @Test
  void retryAfter_isMaxWaitRoundedUpToWholeSecondsAndAtLeastOne() {
    assertThat(new HashingLimits(1, Duration.ZERO).retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(new HashingLimits(1, Duration.ofMillis(2500)).retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(new HashingLimits(1, Duration.ofSeconds(4)).retryAfter())
        .isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void aCallerFindingTheQueueFullIsRefusedAtOnceWithoutWaiting() throws Exception {
    // One permit, one waiting place, and a wait far longer than the test: a refusal that came
    // from the wait would take ten seconds.
    BoundedPasswordHasher bounded =
        new BoundedPasswordHasher(blocking, new HashingLimits(1, Duration.ofSeconds(10), 1));
    Future<Boolean> holder = pool.submit(() -> bounded.verify("a", "$plain$a"));
    awaitCondition(() -> entered.getCount() == 1);
    Future<Boolean> queued = pool.submit(() -> bounded.verify("b", "$plain$b"));
    awaitCondition(() -> bounded.waiting() == 1);

    assertThatThrownBy(() -> bounded.hash("c"))
        .isInstanceOf(ServiceUnavailableException.class)
        .satisfies(
            e -> {
              AuthError error = ((ServiceUnavailableException) e).error();
              assertThat(error.code()).isEqualTo("service_unavailable");
              assertThat(error.retryAfter()).contains(Duration.ofSeconds(10));
              assertThat(error.message())
                  .contains("auth.hashing.max-queue")
                  .doesNotContain("$plain$");
            });
    assertThat(bounded.waiting()).as("the refused caller left no place taken").isEqualTo(1);

    release.countDown();
    assertThat(holder.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(queued.get(10, TimeUnit.SECONDS)).as("the queued caller got its turn").isTrue();
    assertThat(bounded.waiting()).isZero();
    assertThat(bounded.availablePermits()).isEqualTo(1);
  }

  @Test
  void theDefaultQueueIsSixteenPerPermit() {
    assertThat(new HashingLimits(2, SHORT_WAIT).maxQueue()).isEqualTo(32);
  }

  @Test
  void automaticConcurrency_isOnePerCoreBoundedByHalfTheHeap() {
    long mib = 1024L * 1024L;
    long argon2 = 19456L * 1024L;
    assertThat(HashingLimits.automaticConcurrency(2, 4096 * mib, argon2)).isEqualTo(2);
    assertThat(HashingLimits.automaticConcurrency(16, 512 * mib, argon2)).isEqualTo(13);
    assertThat(HashingLimits.automaticConcurrency(4, 64 * mib, argon2)).isEqualTo(1);
    assertThat(HashingLimits.automaticConcurrency(4, 16 * mib, argon2)).isEqualTo(1);
    assertThat(HashingLimits.automaticConcurrency(3, Long.MAX_VALUE, 0)).isEqualTo(3);
  }

  /** Spins (no sleep) until {@code condition} holds; fails after ten seconds. */
  private static void awaitCondition(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
      Thread.yield();
    }
  }
}
