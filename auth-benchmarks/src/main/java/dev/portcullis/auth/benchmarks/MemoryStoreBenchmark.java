package dev.portcullis.auth.benchmarks;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.benchmarks.support.CoarseClock;
import dev.portcullis.auth.store.memory.MemoryStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 5, in memory: {@code LoginAttemptTracker} and {@code TokenBlacklist} operations on the
 * in-memory adapters, one thread (so operations per second of one core), over 65536 keys. An
 * operation is one port call; a login's reserve-then-record pair counts as two. Reference: one
 * {@code ConcurrentHashMap.compute} over the same keys, the floor of a keyed in-memory update. Each
 * runs with the system clock, and again with a coarse clock to measure what reading the time costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class MemoryStoreBenchmark {

  static final int KEYS = 1 << 16;
  static final int REVOKED = 10_000;

  /**
   * {@code system}: {@code Clock.systemUTC()}, what production uses. {@code coarse}: a clock read
   * from a field that a thread advances every millisecond (diagnostic: the difference between the
   * two is the cost of reading the time).
   */
  @Param({"system", "coarse"})
  public String clock;

  private final ConcurrentHashMap<String, Integer> floor = new ConcurrentHashMap<>();
  private Clock time;
  private LoginAttemptTracker tracker;
  private LoginAttemptTracker statusTracker;
  private TokenBlacklist blacklist;
  private final String[] keys = new String[KEYS];
  private final String[] tokenIds = new String[KEYS];
  private final String[] sessionIds = new String[KEYS];
  private final String[] userIds = new String[KEYS];
  private final String[] revokedIds = new String[REVOKED];
  private Instant issuedAt;
  private Instant keepUntil;
  private int next;

  @Setup
  public void setUp() {
    time = clock.equals("system") ? Clock.systemUTC() : new CoarseClock();
    // A short window keeps failures from piling up to a lockout however long the run: each key
    // is hit every few dozen milliseconds, far below the 1000 attempts allowed per second.
    tracker = MemoryStores.loginAttemptTracker(policy(Duration.ofSeconds(1)), time);
    statusTracker = MemoryStores.loginAttemptTracker(policy(Duration.ofMinutes(5)), time);
    blacklist = MemoryStores.tokenBlacklist(time);
    Instant now = time.instant();
    issuedAt = now;
    keepUntil = now.plus(Duration.ofHours(1));
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "user-" + i + "@bench.example";
      tokenIds[i] = "jti-" + Integer.toHexString(i * 0x9E3779B1);
      sessionIds[i] = "sid-" + i;
      userIds[i] = "uid-" + i;
      floor.put(keys[i], 0);
      statusTracker.recordFailure((AttemptReservation.Granted) statusTracker.reserve(keys[i]));
    }
    // A blacklist with some content: revoked tokens, sessions and a user's not-before.
    for (int i = 0; i < REVOKED; i++) {
      revokedIds[i] = "revoked-" + i;
      blacklist.revokeToken(Fixtures.ISSUER, revokedIds[i], now, keepUntil);
      blacklist.revokeSession("revoked-session-" + i, now, keepUntil);
    }
    blacklist.revokeUserBefore("revoked-user", now, keepUntil);

    Fixtures.check(blacklistCheck().isEmpty(), "a live token is not revoked");
    Fixtures.check(blacklistCheckRevoked().isPresent(), "a revoked token is revoked");
    Fixtures.check(trackerStatus().failures() == 1, "status sees the failure");
  }

  @TearDown
  public void tearDown() {
    if (time instanceof CoarseClock coarse) {
      coarse.close();
    }
  }

  private static LockoutPolicy policy(Duration window) {
    return new LockoutPolicy(
        1000,
        window,
        Duration.ofMinutes(5),
        Duration.ZERO,
        Duration.ofMinutes(30),
        Duration.ofHours(12));
  }

  private int nextIndex() {
    return next++ & (KEYS - 1);
  }

  /** The floor: one ConcurrentHashMap.compute on a String key. */
  @Benchmark
  public Integer floorMapCompute() {
    return floor.compute(keys[nextIndex()], (k, v) -> v == null ? 1 : v + 1);
  }

  /**
   * Diagnostic: one read of the system clock, as the stores and their Caffeine tickers do several
   * times per call. Its cost varies much between machines (and virtual machines).
   */
  @Benchmark
  public Instant clockInstant() {
    return time.instant();
  }

  /** A failed login's bookkeeping: reserve a slot, then count the failure. */
  @Benchmark
  @OperationsPerInvocation(2)
  public LockStatus trackerReserveRecordFailure() {
    AttemptReservation r = tracker.reserve(keys[nextIndex()]);
    return tracker.recordFailure((AttemptReservation.Granted) r);
  }

  /** A successful login's bookkeeping: reserve a slot, then clear the key. */
  @Benchmark
  @OperationsPerInvocation(2)
  public AttemptReservation trackerReserveRecordSuccess() {
    AttemptReservation r = tracker.reserve(keys[nextIndex()]);
    tracker.recordSuccess((AttemptReservation.Granted) r);
    return r;
  }

  /** An operator's or a login form's question: failures and lock of a key that has one failure. */
  @Benchmark
  public LockStatus trackerStatus() {
    return statusTracker.status(keys[nextIndex()]);
  }

  /** Every verification's question, for a token that is not revoked (the common case). */
  @Benchmark
  public Optional<Revocation> blacklistCheck() {
    int i = nextIndex();
    return blacklist.check(Fixtures.ISSUER, tokenIds[i], userIds[i], sessionIds[i], issuedAt);
  }

  /** The same question for a revoked token. */
  @Benchmark
  public Optional<Revocation> blacklistCheckRevoked() {
    int i = nextIndex() % REVOKED;
    return blacklist.check(Fixtures.ISSUER, revokedIds[i], userIds[i], sessionIds[i], issuedAt);
  }

  /** A logout: revoke one token until it expires. */
  @Benchmark
  public Instant blacklistRevokeToken() {
    blacklist.revokeToken(Fixtures.ISSUER, tokenIds[nextIndex()], issuedAt, keepUntil);
    return keepUntil;
  }
}
