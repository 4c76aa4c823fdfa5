package dev.portcullis.auth.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.redis.RedisStores;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * Item 5c, Redis next to the other stores in one run: the {@code LoginAttemptTracker} and {@code
 * TokenBlacklist} operations of a login and a logout on the in-memory adapters, the JDBC adapter on
 * H2 (in process) and on PostgreSQL (embedded binaries on 127.0.0.1 of this machine, fsync off),
 * and the Redis adapter (Debian's {@code redis-server} on 127.0.0.1, no persistence, {@code
 * noeviction}). One thread, system clock, 4096 keys; an operation is one port call (a reserve and
 * its record or release count as two). Each backend is a parameter value, so the figures of one
 * operation share a table whose reference is the in-memory adapter.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class RedisStoreBenchmark {

  static final int KEYS = 4096;
  static final int REVOKED = 1000;

  /**
   * {@code memory}: auth-store-memory. {@code h2}: auth-store-jdbc on an in-memory H2 database.
   * {@code postgresql}: auth-store-jdbc on embedded PostgreSQL. {@code redis}: auth-store-redis.
   */
  @Param({"memory", "h2", "postgresql", "redis"})
  public String backend;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private Runnable purge = () -> {};
  private LoginAttemptTracker tracker;
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
  public void setUp() throws IOException {
    Clock clock = Clock.systemUTC();
    // A short window keeps failures from piling up to a lockout however long the run.
    LockoutPolicy policy =
        new LockoutPolicy(
            1000,
            Duration.ofSeconds(1),
            Duration.ofMinutes(5),
            Duration.ZERO,
            Duration.ofMinutes(30),
            Duration.ofHours(12));
    switch (backend) {
      case "memory" -> {
        tracker = MemoryStores.loginAttemptTracker(policy, clock);
        blacklist = MemoryStores.tokenBlacklist(clock);
      }
      case "h2" ->
          jdbc(
              "jdbc:h2:mem:bench_"
                  + UUID.randomUUID()
                  + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                  + ";DB_CLOSE_DELAY=-1",
              "sa",
              clock,
              policy);
      case "postgresql" -> {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        resources.add(server);
        jdbc(server.jdbcUrl(), EmbeddedPostgresServer.USER, clock, policy);
      }
      case "redis" -> {
        RedisServer server = RedisServer.start();
        resources.add(server);
        RedisStores stores = RedisStores.open(server.settings(), clock, policy);
        resources.add(0, stores);
        tracker = stores.loginAttempts();
        blacklist = stores.blacklist();
      }
      default -> throw new IllegalArgumentException("unknown backend " + backend);
    }

    Instant now = clock.instant();
    issuedAt = now;
    keepUntil = now.plus(Duration.ofHours(1));
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "user-" + i + "@bench.example";
      tokenIds[i] = "jti-" + Integer.toHexString(i * 0x9E3779B1);
      sessionIds[i] = "sid-" + i;
      userIds[i] = "uid-" + i;
    }
    for (int i = 0; i < REVOKED; i++) {
      revokedIds[i] = "revoked-" + i;
      blacklist.revokeToken(Fixtures.ISSUER, revokedIds[i], now, keepUntil);
      blacklist.revokeSession("revoked-session-" + i, now, keepUntil);
    }
    blacklist.revokeUserBefore("revoked-user", now, keepUntil);

    Fixtures.check(blacklistCheck().isEmpty(), "a live token is not revoked");
    Fixtures.check(blacklistCheckRevoked().isPresent(), "a revoked token is revoked");
    Fixtures.check(
        trackerReserveRecordFailure().failures() >= 1, "a failure is counted on " + backend);
  }

  private void jdbc(String url, String user, Clock clock, LockoutPolicy policy) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(2);
    HikariDataSource pool = new HikariDataSource(config);
    JdbcStores stores =
        JdbcStores.open(
            pool,
            JdbcStoreSettings.defaults()
                .withSchema("bench")
                .withMigrateOnStart(true)
                .withPurgeInterval(Duration.ZERO),
            clock,
            policy);
    resources.add(pool);
    resources.add(0, stores);
    purge = stores::purgeExpired;
    tracker = stores.loginAttempts();
    blacklist = stores.blacklist();
  }

  /** Expired rows go between iterations, as the JDBC adapter's scheduled purge would. */
  @TearDown(Level.Iteration)
  public void purge() {
    purge.run();
  }

  @TearDown
  public void tearDown() throws Exception {
    for (AutoCloseable r : resources) {
      r.close();
    }
  }

  private int nextIndex() {
    return next++ & (KEYS - 1);
  }

  /** A failed login's bookkeeping: reserve a slot, then count the failure. */
  @Benchmark
  @OperationsPerInvocation(2)
  public LockStatus trackerReserveRecordFailure() {
    AttemptReservation r = tracker.reserve(keys[nextIndex()]);
    return tracker.recordFailure((AttemptReservation.Granted) r);
  }

  /** A login whose password check could not be made: reserve a slot, then give it back. */
  @Benchmark
  @OperationsPerInvocation(2)
  public AttemptReservation trackerReserveRelease() {
    AttemptReservation r = tracker.reserve(keys[nextIndex()]);
    tracker.release((AttemptReservation.Granted) r);
    return r;
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
