package dev.portcullis.auth.testkit.contract;

// Over 400 lines on purpose: a contract suite is the port's executable specification, one test
// per rule, and splitting it would scatter the rules an adapter author reads in one place.

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.LoginGate;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link LoginAttemptTracker}: failure counting, locks and their end, progressive
 * lockout, the reservation protocol under 100 racing threads, and rejection of bad input.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty tracker from
 * {@link #createTracker}, reading time only from the clock it is given:
 *
 * <pre>{@code
 * final class MemoryLoginAttemptTrackerTest extends LoginAttemptTrackerContract {
 *   @Override
 *   protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
 *     return MemoryStores.loginAttemptTracker(policy, clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Tests never sleep: they move the clock. Override {@link #storedKeys} to also check that entries
 * disappear once nothing in them matters.
 */
public abstract class LoginAttemptTrackerContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** 3 failures within 5 minutes lock for 10 minutes, always. */
  protected static final LockoutPolicy FIXED =
      new LockoutPolicy(
          3,
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ZERO,
          Duration.ofMinutes(10),
          Duration.ofHours(1));

  /** 3 failures within 5 minutes lock for 1, 2, then at most 3 minutes; remembered for 1 hour. */
  protected static final LockoutPolicy PROGRESSIVE =
      new LockoutPolicy(
          3,
          Duration.ofMinutes(5),
          Duration.ofMinutes(1),
          Duration.ofMinutes(1),
          Duration.ofMinutes(3),
          Duration.ofHours(1));

  /**
   * How long after an entry stopped mattering {@link #storedKeys} may still count it: physical
   * removal may lag (Caffeine's timer wheel sweeps in steps of about a second).
   */
  protected static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

  private static final String KEY = "alice@example.com";

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  /**
   * A new tracker with no state, under {@code policy}, that reads time from {@code clock}. Called
   * once or more per test.
   */
  protected abstract LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock);

  /**
   * How many keys {@code tracker} physically holds now, after its housekeeping, if the adapter can
   * tell; the tests that check that entries vanish (at most {@link #SWEEP_GRACE} after they stopped
   * mattering) are skipped when it cannot.
   */
  protected OptionalLong storedKeys(LoginAttemptTracker tracker) {
    return OptionalLong.empty();
  }

  /**
   * The rate limiter an adapter keeps beside {@code tracker}, for the {@link LoginGate} tests
   * ({@link LoginAttemptTracker#gateWith}): override it when the adapter's gate joins the two (as
   * the JDBC store's does). Default: {@link RateLimiter#unlimited()}.
   */
  protected RateLimiter rateLimiterBeside(LoginAttemptTracker tracker) {
    return RateLimiter.unlimited();
  }

  @BeforeEach
  void startClock() {
    clock = MutableClock.at(START);
  }

  private LoginAttemptTracker tracker() {
    return createTracker(FIXED, clock);
  }

  private static AttemptReservation.Granted granted(AttemptReservation reservation) {
    assertThat(reservation).isInstanceOf(AttemptReservation.Granted.class);
    return (AttemptReservation.Granted) reservation;
  }

  private static LockStatus fail(LoginAttemptTracker tracker, String key) {
    return tracker.recordFailure(granted(tracker.reserve(key)));
  }

  private static LockStatus lock(LoginAttemptTracker tracker, String key, LockoutPolicy policy) {
    LockStatus status = null;
    for (int i = 0; i < policy.maxAttempts(); i++) {
      status = fail(tracker, key);
    }
    assertThat(status.locked()).as("locked after %s failures", policy.maxAttempts()).isTrue();
    return status;
  }

  // ---- reserve and status

  @Test
  void reserve_onAnUntrackedKey_grantsASlotForThatKey() {
    AttemptReservation r = tracker().reserve(KEY);

    assertThat(granted(r).key()).isEqualTo(KEY);
    assertThat(granted(r).id()).isNotBlank();
  }

  @Test
  void reserve_givesEveryGrantItsOwnId() {
    LoginAttemptTracker tracker = tracker();

    String first = granted(tracker.reserve(KEY)).id();
    String second = granted(tracker.reserve(KEY)).id();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void status_ofAnUntrackedKey_isClear() {
    assertThat(tracker().status(KEY)).isEqualTo(LockStatus.clear(KEY));
  }

  // ---- failures and locks

  @Test
  void recordFailure_belowMaxAttempts_countsWithoutLocking() {
    LoginAttemptTracker tracker = tracker();

    LockStatus first = fail(tracker, KEY);
    LockStatus second = fail(tracker, KEY);

    assertThat(first).isEqualTo(new LockStatus(KEY, 1, null));
    assertThat(second).isEqualTo(new LockStatus(KEY, 2, null));
    assertThat(tracker.status(KEY)).isEqualTo(new LockStatus(KEY, 2, null));
  }

  @Test
  void recordFailure_reachingMaxAttempts_locksForThePolicysDuration() {
    LoginAttemptTracker tracker = tracker();
    fail(tracker, KEY);
    fail(tracker, KEY);

    LockStatus third = fail(tracker, KEY);

    Instant end = START.plus(FIXED.duration());
    assertThat(third.locked()).isTrue();
    assertThat(third.lockedUntil()).isEqualTo(end);
    assertThat(tracker.status(KEY).lockEnd()).contains(end);
  }

  @Test
  void reserve_whileLocked_isDeniedWithTheLock() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, KEY, FIXED);

    AttemptReservation r = tracker.reserve(KEY);

    assertThat(r).isInstanceOf(AttemptReservation.Denied.class);
    AttemptReservation.Denied denied = (AttemptReservation.Denied) r;
    assertThat(denied.key()).isEqualTo(KEY);
    assertThat(denied.status().lockedUntil()).isEqualTo(START.plus(FIXED.duration()));
  }

  @Test
  void lock_justBeforeItsEnd_stillHolds() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, KEY, FIXED);

    clock.advance(FIXED.duration().minusSeconds(1));

    assertThat(tracker.status(KEY).locked()).isTrue();
    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Denied.class);
  }

  @Test
  void lock_atItsEnd_isGoneAndTheKeyStartsAfresh() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, KEY, FIXED);

    clock.advance(FIXED.duration());

    assertThat(tracker.status(KEY)).isEqualTo(LockStatus.clear(KEY));
    assertThat(fail(tracker, KEY).locked()).isFalse();
    assertThat(fail(tracker, KEY).locked()).isFalse();
    assertThat(fail(tracker, KEY).locked()).isTrue();
  }

  @Test
  void failures_withinTheWindow_accumulateOverTime() {
    LoginAttemptTracker tracker = tracker();

    fail(tracker, KEY);
    clock.advance(Duration.ofMinutes(2));
    fail(tracker, KEY);
    clock.advance(Duration.ofMinutes(2));
    LockStatus third = fail(tracker, KEY);

    assertThat(third.locked()).isTrue();
  }

  @Test
  void failures_olderThanTheWindow_stopCounting() {
    LoginAttemptTracker tracker = tracker();
    fail(tracker, KEY);
    fail(tracker, KEY);

    clock.advance(FIXED.window());

    assertThat(tracker.status(KEY).failures()).isZero();
    assertThat(fail(tracker, KEY)).isEqualTo(new LockStatus(KEY, 1, null));
    assertThat(fail(tracker, KEY).locked()).isFalse();
  }

  @Test
  void keys_areIndependent() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, KEY, FIXED);

    assertThat(tracker.status("bob@example.com")).isEqualTo(LockStatus.clear("bob@example.com"));
    assertThat(tracker.reserve("bob@example.com")).isInstanceOf(AttemptReservation.Granted.class);
  }

  // ---- success and release

  @Test
  void recordSuccess_clearsTheFailures() {
    LoginAttemptTracker tracker = tracker();
    fail(tracker, KEY);
    fail(tracker, KEY);

    tracker.recordSuccess(granted(tracker.reserve(KEY)));

    assertThat(tracker.status(KEY)).isEqualTo(LockStatus.clear(KEY));
    assertThat(fail(tracker, KEY).locked()).isFalse();
    assertThat(fail(tracker, KEY).locked()).isFalse();
  }

  @Test
  void release_givesTheSlotBackWithoutCountingAFailure() {
    LoginAttemptTracker tracker = tracker();
    AttemptReservation.Granted first = granted(tracker.reserve(KEY));
    granted(tracker.reserve(KEY));
    granted(tracker.reserve(KEY));
    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Denied.class);

    tracker.release(first);

    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Granted.class);
    assertThat(tracker.status(KEY).failures()).isZero();
  }

  @Test
  void reserve_whenEveryRemainingAttemptIsInFlight_isDeniedWithATimeToRetry() {
    LoginAttemptTracker tracker = tracker();
    fail(tracker, KEY);
    fail(tracker, KEY);
    granted(tracker.reserve(KEY));

    AttemptReservation r = tracker.reserve(KEY);

    assertThat(r).isInstanceOf(AttemptReservation.Denied.class);
    Instant retry = ((AttemptReservation.Denied) r).status().lockedUntil();
    assertThat(retry).isAfter(START).isBeforeOrEqualTo(START.plus(FIXED.window()));
    assertThat(tracker.status(KEY).locked()).as("checks in flight are not a lock").isFalse();
  }

  @Test
  void reservations_neverCompleted_expireWithinTheWindow() {
    LoginAttemptTracker tracker = tracker();
    for (int i = 0; i < FIXED.maxAttempts(); i++) {
      granted(tracker.reserve(KEY));
    }
    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Denied.class);

    clock.advance(FIXED.window());

    for (int i = 0; i < FIXED.maxAttempts(); i++) {
      assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Granted.class);
    }
  }

  @Test
  void reservationsAndFailures_togetherNeverExceedMaxAttempts() {
    LoginAttemptTracker tracker = tracker();
    fail(tracker, KEY);
    granted(tracker.reserve(KEY));
    granted(tracker.reserve(KEY));

    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Denied.class);
  }

  // ---- progressive lockout

  @Test
  void progressive_eachConsecutiveLockLastsAsThePolicySays() {
    LoginAttemptTracker tracker = createTracker(PROGRESSIVE, clock);

    for (int n = 1; n <= 4; n++) {
      Instant lockedAt = clock.instant();
      LockStatus locked = lock(tracker, KEY, PROGRESSIVE);

      assertThat(locked.lockedUntil())
          .as("lock number %s", n)
          .isEqualTo(lockedAt.plus(PROGRESSIVE.lockDuration(n)));
      clock.set(locked.lockedUntil());
      assertThat(tracker.status(KEY).locked()).isFalse();
    }
  }

  @Test
  void progressive_aSuccessResetsTheLockLength() {
    LoginAttemptTracker tracker = createTracker(PROGRESSIVE, clock);
    clock.set(lock(tracker, KEY, PROGRESSIVE).lockedUntil());
    clock.set(lock(tracker, KEY, PROGRESSIVE).lockedUntil());

    tracker.recordSuccess(granted(tracker.reserve(KEY)));

    Instant lockedAt = clock.instant();
    assertThat(lock(tracker, KEY, PROGRESSIVE).lockedUntil())
        .isEqualTo(lockedAt.plus(PROGRESSIVE.lockDuration(1)));
  }

  @Test
  void progressive_anOperatorClearResetsTheLockLength() {
    LoginAttemptTracker tracker = createTracker(PROGRESSIVE, clock);
    clock.set(lock(tracker, KEY, PROGRESSIVE).lockedUntil());
    lock(tracker, KEY, PROGRESSIVE);

    tracker.clear(KEY);

    Instant lockedAt = clock.instant();
    assertThat(lock(tracker, KEY, PROGRESSIVE).lockedUntil())
        .isEqualTo(lockedAt.plus(PROGRESSIVE.lockDuration(1)));
  }

  @Test
  void progressive_afterTheLockoutMemory_locksStartShortAgain() {
    LoginAttemptTracker tracker = createTracker(PROGRESSIVE, clock);
    Instant end = lock(tracker, KEY, PROGRESSIVE).lockedUntil();

    clock.set(end.plus(PROGRESSIVE.lockoutMemory()));

    Instant lockedAt = clock.instant();
    assertThat(lock(tracker, KEY, PROGRESSIVE).lockedUntil())
        .isEqualTo(lockedAt.plus(PROGRESSIVE.lockDuration(1)));
  }

  @Test
  void progressive_withinTheLockoutMemory_locksKeepGrowing() {
    LoginAttemptTracker tracker = createTracker(PROGRESSIVE, clock);
    Instant end = lock(tracker, KEY, PROGRESSIVE).lockedUntil();

    clock.set(end.plus(PROGRESSIVE.lockoutMemory()).minusSeconds(1));

    Instant lockedAt = clock.instant();
    assertThat(lock(tracker, KEY, PROGRESSIVE).lockedUntil())
        .isEqualTo(lockedAt.plus(PROGRESSIVE.lockDuration(2)));
  }

  // ---- operator views

  @Test
  void clear_unlocksALockedKey() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, KEY, FIXED);

    assertThat(tracker.clear(KEY)).isTrue();

    assertThat(tracker.status(KEY)).isEqualTo(LockStatus.clear(KEY));
    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Granted.class);
    assertThat(tracker.activeLockouts()).isEmpty();
  }

  @Test
  void clear_removesFailures() {
    LoginAttemptTracker tracker = tracker();
    fail(tracker, KEY);
    fail(tracker, KEY);

    assertThat(tracker.clear(KEY)).isTrue();

    assertThat(tracker.status(KEY)).isEqualTo(LockStatus.clear(KEY));
    assertThat(fail(tracker, KEY).locked()).isFalse();
    assertThat(fail(tracker, KEY).locked()).isFalse();
  }

  @Test
  void clear_removesReservationsInFlight() {
    LoginAttemptTracker tracker = tracker();
    for (int i = 0; i < FIXED.maxAttempts(); i++) {
      granted(tracker.reserve(KEY));
    }

    assertThat(tracker.clear(KEY)).isTrue();

    assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Granted.class);
  }

  @Test
  void clear_ofAKeyWithNothingToClear_returnsFalse() {
    assertThat(tracker().clear(KEY)).isFalse();
  }

  @Test
  void activeLockouts_listsLockedKeysSoonestUnlockFirst() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, "b@example.com", FIXED);
    clock.advance(Duration.ofMinutes(1));
    lock(tracker, "c@example.com", FIXED);
    clock.advance(Duration.ofMinutes(1));
    lock(tracker, "a@example.com", FIXED);
    fail(tracker, "d@example.com");

    List<LockStatus> lockouts = tracker.activeLockouts();

    assertThat(lockouts)
        .extracting(LockStatus::key)
        .containsExactly("b@example.com", "c@example.com", "a@example.com");
    assertThat(lockouts)
        .extracting(LockStatus::lockedUntil)
        .containsExactly(
            START.plus(FIXED.duration()),
            START.plus(FIXED.duration()).plusSeconds(60),
            START.plus(FIXED.duration()).plusSeconds(120));
  }

  @Test
  void activeLockouts_omitsLocksThatEnded() {
    LoginAttemptTracker tracker = tracker();
    lock(tracker, "b@example.com", FIXED);
    clock.advance(Duration.ofMinutes(1));
    lock(tracker, "a@example.com", FIXED);

    clock.set(START.plus(FIXED.duration()));

    assertThat(tracker.activeLockouts())
        .extracting(LockStatus::key)
        .containsExactly("a@example.com");
    clock.advance(Duration.ofMinutes(1));
    assertThat(tracker.activeLockouts()).isEmpty();
  }

  // ---- bad input

  @Test
  void badKeys_areRejectedAndNothingIsStored() {
    LoginAttemptTracker tracker = tracker();
    AttemptReservation.Granted blank = new AttemptReservation.Granted(" ", "1");

    assertRejected(() -> tracker.reserve(null));
    assertRejected(() -> tracker.reserve(""));
    assertRejected(() -> tracker.reserve("  "));
    assertRejected(() -> tracker.status(null));
    assertRejected(() -> tracker.status(" "));
    assertRejected(() -> tracker.clear(null));
    assertRejected(() -> tracker.clear("\t"));
    assertRejected(() -> tracker.recordFailure(null));
    assertRejected(() -> tracker.recordFailure(blank));
    assertRejected(() -> tracker.recordSuccess(null));
    assertRejected(() -> tracker.recordSuccess(blank));
    assertRejected(() -> tracker.release(null));
    assertRejected(() -> tracker.release(blank));

    assertThat(tracker.activeLockouts()).isEmpty();
    storedKeys(tracker).ifPresent(n -> assertThat(n).isZero());
  }

  // ---- entries live as long as they matter

  @Test
  void entries_vanishWhenTheWindowEnds() {
    LoginAttemptTracker tracker = tracker();
    assumeTrue(storedKeys(tracker).isPresent(), "the adapter does not expose its entry count");
    fail(tracker, KEY);
    assertThat(storedKeys(tracker)).hasValue(1);

    clock.advance(FIXED.window().plus(SWEEP_GRACE));

    assertThat(storedKeys(tracker)).hasValue(0);
  }

  @Test
  void entries_vanishWhenTheLockEnds() {
    LoginAttemptTracker tracker = tracker();
    assumeTrue(storedKeys(tracker).isPresent(), "the adapter does not expose its entry count");
    lock(tracker, KEY, FIXED);

    clock.advance(FIXED.duration().plus(SWEEP_GRACE));

    assertThat(storedKeys(tracker)).hasValue(0);
  }

  @Test
  void entries_vanishWhenTheLastReservationIsReleased() {
    LoginAttemptTracker tracker = tracker();
    assumeTrue(storedKeys(tracker).isPresent(), "the adapter does not expose its entry count");

    tracker.release(granted(tracker.reserve(KEY)));

    assertThat(storedKeys(tracker)).hasValue(0);
  }

  @Test
  void entries_ofProgressiveLocks_lastUntilTheLockoutMemoryEnds() {
    LoginAttemptTracker tracker = createTracker(PROGRESSIVE, clock);
    assumeTrue(storedKeys(tracker).isPresent(), "the adapter does not expose its entry count");
    Instant end = lock(tracker, KEY, PROGRESSIVE).lockedUntil();

    clock.set(end.plus(PROGRESSIVE.lockoutMemory()).minusSeconds(1));
    assertThat(storedKeys(tracker)).hasValue(1);
    clock.advance(SWEEP_GRACE.plusSeconds(1));
    assertThat(storedKeys(tracker)).hasValue(0);
  }

  // ---- concurrency

  @Test
  void concurrentReservations_neverExceedMaxAttempts_andTheirFailuresLockTheKey() {
    LockoutPolicy policy =
        new LockoutPolicy(
            5,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ZERO,
            Duration.ofMinutes(10),
            Duration.ofHours(1));
    LoginAttemptTracker tracker = createTracker(policy, clock);

    List<AttemptReservation> reservations = Concurrently.run(100, i -> tracker.reserve(KEY));

    List<AttemptReservation.Granted> grants = new ArrayList<>();
    for (AttemptReservation r : reservations) {
      if (r instanceof AttemptReservation.Granted g) {
        grants.add(g);
      }
    }
    assertThat(grants.size()).isLessThanOrEqualTo(policy.maxAttempts());
    assertThat(grants.stream().map(AttemptReservation.Granted::id).distinct())
        .hasSize(grants.size());
    grants.forEach(tracker::recordFailure);
    assertThat(tracker.status(KEY).locked()).isTrue();
  }

  @Test
  void concurrentAttackers_getExactlyMaxAttemptsChecks() {
    LockoutPolicy policy =
        new LockoutPolicy(
            5,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ZERO,
            Duration.ofMinutes(10),
            Duration.ofHours(1));
    LoginAttemptTracker tracker = createTracker(policy, clock);

    // Each attacker checks a wrong password again and again until it is refused.
    List<Integer> checks =
        Concurrently.run(
            100,
            i -> {
              int made = 0;
              while (tracker.reserve(KEY) instanceof AttemptReservation.Granted g) {
                tracker.recordFailure(g);
                made++;
              }
              return made;
            });

    assertThat(checks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(policy.maxAttempts());
    assertThat(tracker.status(KEY).locked()).isTrue();
  }

  @Test
  void concurrentFailures_areAllCounted() {
    LockoutPolicy policy =
        new LockoutPolicy(
            1000,
            Duration.ofHours(1),
            Duration.ofMinutes(10),
            Duration.ZERO,
            Duration.ofMinutes(10),
            Duration.ofHours(1));
    LoginAttemptTracker tracker = createTracker(policy, clock);

    Concurrently.run(
        100,
        i -> {
          for (int n = 0; n < 5; n++) {
            tracker.recordFailure(granted(tracker.reserve(KEY)));
          }
          return null;
        });

    assertThat(tracker.status(KEY)).isEqualTo(new LockStatus(KEY, 500, null));
  }

  // ---- the login gate (gateWith): the same protocol in fewer round trips

  private static final LoginGate.Limits GENEROUS =
      new LoginGate.Limits(
          "login:203.0.113.9",
          RateLimitRule.parse("100000/minute"),
          "login-failures:203.0.113.9",
          RateLimitRule.parse("100000/minute"));

  private static AttemptReservation.Granted admitted(LoginGate.Entry entry) {
    assertThat(entry).isInstanceOf(LoginGate.Entry.Admitted.class);
    return ((LoginGate.Entry.Admitted) entry).slot();
  }

  @Test
  void gate_concurrentWrongPasswords_getExactlyMaxAttemptsChecks() {
    LockoutPolicy policy =
        new LockoutPolicy(
            5,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ZERO,
            Duration.ofMinutes(10),
            Duration.ofHours(1));
    LoginAttemptTracker tracker = createTracker(policy, clock);
    LoginGate gate = tracker.gateWith(rateLimiterBeside(tracker));

    List<Integer> checks =
        Concurrently.run(
            50,
            i -> {
              int made = 0;
              while (gate.enter(KEY, GENEROUS) instanceof LoginGate.Entry.Admitted a) {
                gate.failed(a.slot(), GENEROUS);
                made++;
              }
              return made;
            });

    assertThat(checks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(policy.maxAttempts());
    assertThat(tracker.status(KEY).locked()).isTrue();
  }

  @Test
  void gate_aSuccessAfterAConcurrentFailure_clearsIt() {
    LoginAttemptTracker tracker = tracker();
    LoginGate gate = tracker.gateWith(rateLimiterBeside(tracker));
    AttemptReservation.Granted right = admitted(gate.enter(KEY, GENEROUS));
    AttemptReservation.Granted wrong = admitted(gate.enter(KEY, GENEROUS));

    assertThat(gate.failed(wrong, GENEROUS).failures()).isEqualTo(1);
    gate.succeeded(right);

    assertThat(tracker.status(KEY)).isEqualTo(LockStatus.clear(KEY));
  }

  @Test
  void gate_aFailureAfterAConcurrentSuccess_counts() {
    LoginAttemptTracker tracker = tracker();
    LoginGate gate = tracker.gateWith(rateLimiterBeside(tracker));
    fail(tracker, KEY);
    AttemptReservation.Granted right = admitted(gate.enter(KEY, GENEROUS));
    AttemptReservation.Granted wrong = admitted(gate.enter(KEY, GENEROUS));

    gate.succeeded(right);
    assertThat(gate.failed(wrong, GENEROUS)).isEqualTo(new LockStatus(KEY, 1, null));
    // The success freed its slot and the failure took over its own: two left of three.
    admitted(gate.enter(KEY, GENEROUS));
    admitted(gate.enter(KEY, GENEROUS));
    assertThat(gate.enter(KEY, GENEROUS)).isInstanceOf(LoginGate.Entry.Locked.class);
  }

  @Test
  void gate_whileLocked_refusesWithTheLock_andReleaseGivesTheSlotBack() {
    LoginAttemptTracker tracker = tracker();
    LoginGate gate = tracker.gateWith(rateLimiterBeside(tracker));
    gate.release(admitted(gate.enter(KEY, GENEROUS)));
    assertThat(tracker.status(KEY)).isEqualTo(LockStatus.clear(KEY));

    LockStatus lock = lock(tracker, KEY, FIXED);
    LoginGate.Entry entry = gate.enter(KEY, GENEROUS);

    assertThat(entry).isInstanceOf(LoginGate.Entry.Locked.class);
    assertThat(((LoginGate.Entry.Locked) entry).denied().status().lockedUntil())
        .isEqualTo(lock.lockedUntil());
  }
}
