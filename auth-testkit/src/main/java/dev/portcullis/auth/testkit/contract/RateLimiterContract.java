package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RateLimiter}: a token bucket per key that starts full, refills one permit
 * per {@code period / permits}, says exactly when to retry, lets {@code peek} look without taking,
 * and hands out exactly its permits to 100 racing threads.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty limiter from
 * {@link #createLimiter}, reading time only from the clock it is given:
 *
 * <pre>{@code
 * final class MemoryRateLimiterTest extends RateLimiterContract {
 *   @Override
 *   protected RateLimiter createLimiter(MutableClock clock) {
 *     return MemoryStores.rateLimiter(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Tests never sleep: they move the clock. Override {@link #storedBuckets} to also check that a
 * bucket's entry disappears once it is full again.
 */
public abstract class RateLimiterContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /**
   * How long after an entry stopped mattering {@link #storedBuckets} may still count it: physical
   * removal may lag (Caffeine's timer wheel sweeps in steps of about a second).
   */
  protected static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

  /** 5 per minute: one permit every 12 seconds. */
  private static final RateLimitRule RULE = RateLimitRule.parse("5/minute");

  private static final Duration INTERVAL = Duration.ofSeconds(12);
  private static final String KEY = "login:203.0.113.7";

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private RateLimiter limiter;

  /** A new limiter with no buckets that reads time from {@code clock}. */
  protected abstract RateLimiter createLimiter(MutableClock clock);

  /**
   * How many buckets {@code limiter} physically holds now, after its housekeeping, if the adapter
   * can tell; the tests that check that entries vanish (at most {@link #SWEEP_GRACE} after the
   * bucket is full again) are skipped when it cannot.
   */
  protected OptionalLong storedBuckets(RateLimiter limiter) {
    return OptionalLong.empty();
  }

  @BeforeEach
  void createLimiterAtStart() {
    clock = MutableClock.at(START);
    limiter = createLimiter(clock);
  }

  private void drain(String key) {
    for (int i = 0; i < RULE.permits(); i++) {
      assertThat(limiter.tryAcquire(key, RULE).allowed()).isTrue();
    }
  }

  // ---- tryAcquire

  @Test
  void tryAcquire_onANewKey_findsAFullBucket() {
    for (int left = RULE.permits() - 1; left >= 0; left--) {
      assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(left));
    }
  }

  @Test
  void tryAcquire_onAnEmptyBucket_isDeniedWithTheExactTimeToRetry() {
    drain(KEY);

    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.deny(INTERVAL));
  }

  @Test
  void tryAcquire_denied_takesNothing() {
    drain(KEY);
    limiter.tryAcquire(KEY, RULE);
    limiter.tryAcquire(KEY, RULE);

    assertThat(limiter.tryAcquire(KEY, RULE).retryAfter()).isEqualTo(INTERVAL);
    clock.advance(INTERVAL);
    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(0));
  }

  @Test
  void retryAfter_shrinksAsTimePasses() {
    drain(KEY);

    clock.advance(Duration.ofSeconds(5));

    assertThat(limiter.tryAcquire(KEY, RULE))
        .isEqualTo(RateLimitDecision.deny(Duration.ofSeconds(7)));
  }

  @Test
  void bucket_refillsOnePermitPerInterval() {
    drain(KEY);

    clock.advance(INTERVAL);

    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(0));
    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.deny(INTERVAL));
  }

  @Test
  void bucket_refillsGradually() {
    drain(KEY);

    clock.advance(INTERVAL.multipliedBy(3).plusSeconds(5));

    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(2));
    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(1));
    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(0));
    assertThat(limiter.tryAcquire(KEY, RULE))
        .isEqualTo(RateLimitDecision.deny(INTERVAL.minusSeconds(5)));
  }

  @Test
  void bucket_neverHoldsMoreThanItsPermits() {
    limiter.tryAcquire(KEY, RULE);

    clock.advance(Duration.ofHours(1));

    drain(KEY);
    assertThat(limiter.tryAcquire(KEY, RULE).allowed()).isFalse();
  }

  @Test
  void keys_haveIndependentBuckets() {
    drain(KEY);

    assertThat(limiter.tryAcquire("login:198.51.100.1", RULE))
        .isEqualTo(RateLimitDecision.allow(RULE.permits() - 1));
  }

  // ---- peek

  @Test
  void peek_onANewKey_seesAFullBucketAndTakesNothing() {
    assertThat(limiter.peek(KEY, RULE)).isEqualTo(RateLimitDecision.allow(RULE.permits()));
    assertThat(limiter.peek(KEY, RULE)).isEqualTo(RateLimitDecision.allow(RULE.permits()));

    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(4));
  }

  @Test
  void peek_afterAcquisitions_seesThePermitsLeft() {
    limiter.tryAcquire(KEY, RULE);
    limiter.tryAcquire(KEY, RULE);

    assertThat(limiter.peek(KEY, RULE)).isEqualTo(RateLimitDecision.allow(3));
  }

  @Test
  void peek_onAnEmptyBucket_saysWhenToRetry() {
    drain(KEY);
    clock.advance(Duration.ofSeconds(2));

    assertThat(limiter.peek(KEY, RULE)).isEqualTo(RateLimitDecision.deny(INTERVAL.minusSeconds(2)));
    clock.advance(INTERVAL.minusSeconds(2));
    assertThat(limiter.peek(KEY, RULE)).isEqualTo(RateLimitDecision.allow(1));
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndTakeNothing() {
    assertRejected(() -> limiter.tryAcquire(null, RULE));
    assertRejected(() -> limiter.tryAcquire(" ", RULE));
    assertRejected(() -> limiter.tryAcquire(KEY, null));
    assertRejected(() -> limiter.peek(null, RULE));
    assertRejected(() -> limiter.peek("", RULE));
    assertRejected(() -> limiter.peek(KEY, null));

    storedBuckets(limiter).ifPresent(n -> assertThat(n).isZero());
    assertThat(limiter.tryAcquire(KEY, RULE)).isEqualTo(RateLimitDecision.allow(4));
  }

  // ---- entries live as long as they matter

  @Test
  void entries_vanishOnceTheBucketIsFullAgain() {
    assumeTrue(storedBuckets(limiter).isPresent(), "the adapter does not expose its entry count");
    limiter.tryAcquire(KEY, RULE);
    limiter.tryAcquire(KEY, RULE);
    assertThat(storedBuckets(limiter)).hasValue(1);

    clock.advance(INTERVAL.multipliedBy(2).minusSeconds(1));
    assertThat(storedBuckets(limiter)).hasValue(1);
    clock.advance(SWEEP_GRACE.plusSeconds(1));
    assertThat(storedBuckets(limiter)).hasValue(0);
  }

  @Test
  void peek_storesNothing() {
    assumeTrue(storedBuckets(limiter).isPresent(), "the adapter does not expose its entry count");

    limiter.peek(KEY, RULE);

    assertThat(storedBuckets(limiter)).hasValue(0);
  }

  // ---- concurrency

  @Test
  void concurrentAcquisitions_getExactlyThePermits() {
    RateLimitRule tenPerHour = RateLimitRule.parse("10/hour");

    List<RateLimitDecision> decisions =
        Concurrently.run(100, i -> limiter.tryAcquire(KEY, tenPerHour));

    assertThat(decisions).filteredOn(RateLimitDecision::allowed).hasSize(10);
    assertThat(decisions)
        .filteredOn(d -> !d.allowed())
        .allSatisfy(d -> assertThat(d.retryAfter()).isEqualTo(tenPerHour.refillInterval()));
  }
}
