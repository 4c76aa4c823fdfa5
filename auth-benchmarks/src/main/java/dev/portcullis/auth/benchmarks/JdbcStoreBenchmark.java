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
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Item 5, JDBC: the same {@code LoginAttemptTracker} and {@code TokenBlacklist} operations on the
 * JDBC adapter against a real PostgreSQL (embedded binaries from Maven Central, on 127.0.0.1 of
 * this machine, fsync off), one thread through a HikariCP pool. Reference: a {@code SELECT 1} round
 * trip through the same pool, the floor of any database call.
 *
 * <p>Expired rows are purged between iterations, as the adapter's scheduled purge would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@State(Scope.Thread)
public class JdbcStoreBenchmark {

  static final int KEYS = 4096;
  static final int REVOKED = 1000;

  private EmbeddedPostgresServer server;
  private HikariDataSource pool;
  private JdbcStores stores;
  private JdbcStores statusStores;
  private LoginAttemptTracker tracker;
  private LoginAttemptTracker statusTracker;
  private TokenBlacklist blacklist;
  private final String[] keys = new String[KEYS];
  private final String[] statusKeys = new String[KEYS];
  private final String[] tokenIds = new String[KEYS];
  private final String[] sessionIds = new String[KEYS];
  private final String[] userIds = new String[KEYS];
  private final String[] revokedIds = new String[REVOKED];
  private Instant issuedAt;
  private Instant keepUntil;
  private int next;

  @Setup
  public void setUp() throws IOException {
    server = EmbeddedPostgresServer.start();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(EmbeddedPostgresServer.USER);
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(2);
    pool = new HikariDataSource(config);
    JdbcStoreSettings settings =
        JdbcStoreSettings.defaults()
            .withSchema("bench")
            .withMigrateOnStart(true)
            .withPurgeInterval(Duration.ZERO);
    Clock clock = Clock.systemUTC();
    stores = JdbcStores.open(pool, settings, clock, policy(Duration.ofSeconds(1)));
    statusStores = JdbcStores.open(pool, settings, clock, policy(Duration.ofMinutes(5)));
    tracker = stores.loginAttempts();
    statusTracker = statusStores.loginAttempts();
    blacklist = stores.blacklist();

    Instant now = clock.instant();
    issuedAt = now;
    keepUntil = now.plus(Duration.ofHours(1));
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "user-" + i + "@bench.example";
      statusKeys[i] = "status-" + i + "@bench.example";
      tokenIds[i] = "jti-" + Integer.toHexString(i * 0x9E3779B1);
      sessionIds[i] = "sid-" + i;
      userIds[i] = "uid-" + i;
      statusTracker.recordFailure(
          (AttemptReservation.Granted) statusTracker.reserve(statusKeys[i]));
    }
    for (int i = 0; i < REVOKED; i++) {
      revokedIds[i] = "revoked-" + i;
      blacklist.revokeToken(Fixtures.ISSUER, revokedIds[i], now, keepUntil);
      blacklist.revokeSession("revoked-session-" + i, now, keepUntil);
    }
    blacklist.revokeUserBefore("revoked-user", now, keepUntil);

    Fixtures.check(floorSelectOne() == 1, "SELECT 1 answers 1");
    Fixtures.check(blacklistCheck().isEmpty(), "a live token is not revoked");
    Fixtures.check(blacklistCheckRevoked().isPresent(), "a revoked token is revoked");
    Fixtures.check(trackerStatus().failures() == 1, "status sees the failure");
  }

  @TearDown(Level.Iteration)
  public void purge() {
    stores.purgeExpired();
  }

  @TearDown
  public void tearDown() {
    statusStores.close();
    stores.close();
    pool.close();
    server.close();
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

  /** The floor: borrow a pooled connection, run SELECT 1, read the row. */
  @Benchmark
  public int floorSelectOne() {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT 1");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public LockStatus trackerReserveRecordFailure() {
    AttemptReservation r = tracker.reserve(keys[nextIndex()]);
    return tracker.recordFailure((AttemptReservation.Granted) r);
  }

  @Benchmark
  @OperationsPerInvocation(2)
  public AttemptReservation trackerReserveRecordSuccess() {
    AttemptReservation r = tracker.reserve(keys[nextIndex()]);
    tracker.recordSuccess((AttemptReservation.Granted) r);
    return r;
  }

  @Benchmark
  public LockStatus trackerStatus() {
    return statusTracker.status(statusKeys[nextIndex()]);
  }

  @Benchmark
  public Optional<Revocation> blacklistCheck() {
    int i = nextIndex();
    return blacklist.check(Fixtures.ISSUER, tokenIds[i], userIds[i], sessionIds[i], issuedAt);
  }

  @Benchmark
  public Optional<Revocation> blacklistCheckRevoked() {
    int i = nextIndex() % REVOKED;
    return blacklist.check(Fixtures.ISSUER, revokedIds[i], userIds[i], sessionIds[i], issuedAt);
  }

  @Benchmark
  public Instant blacklistRevokeToken() {
    blacklist.revokeToken(Fixtures.ISSUER, tokenIds[nextIndex()], issuedAt, keepUntil);
    return keepUntil;
  }
}
