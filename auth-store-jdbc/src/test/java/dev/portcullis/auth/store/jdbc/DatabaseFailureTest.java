package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A database that cannot answer makes every store call fail closed with {@code
 * service_unavailable}, naming the cause and the pool settings to look at.
 */
final class DatabaseFailureTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void aDatabaseThatGoesDown_failsEveryCallClosed_andTheStoresRecoverWhenItIsBack()
      throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      JdbcStoreSettings settings =
          TestDatabase.postgresSettings(server)
              .withPoolSize(2)
              .withConnectionTimeout(Duration.ofSeconds(1));
      try (JdbcStores stores = JdbcStores.open(settings, clock, LockoutPolicy.defaults())) {
        assertThat(stores.loginAttempts().reserve("alice@example.com"))
            .isInstanceOf(AttemptReservation.Granted.class);

        server.stop();

        assertThatThrownBy(() -> stores.loginAttempts().reserve("alice@example.com"))
            .isInstanceOfSatisfying(
                ServiceUnavailableException.class,
                e -> {
                  AuthError.ServiceUnavailable error = (AuthError.ServiceUnavailable) e.error();
                  assertThat(error.code()).isEqualTo("service_unavailable");
                  assertThat(error.component()).isEqualTo("jdbc login attempt tracker");
                  assertThat(error.detail())
                      .contains("cannot connect to the database at " + server.jdbcUrl())
                      .contains("auth.store.jdbc.connection-timeout=1s")
                      .contains("auth.store.jdbc.pool-size=2");
                });
        assertThatThrownBy(() -> stores.users().findByIdentifier("alice@example.com"))
            .isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> stores.blacklist().check("iss", "jti", "u1", null, Instant.EPOCH))
            .as("a blacklist that cannot answer never says 'not revoked'")
            .isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(
                () -> stores.rateLimiter().tryAcquire("k", RateLimitRule.parse("5/minute")))
            .isInstanceOf(ServiceUnavailableException.class);

        server.restart();

        // The pool reconnects by itself; each try waits at most connection-timeout (1 s) for it.
        AttemptReservation afterRestart = null;
        for (int attempt = 0; attempt < 30 && afterRestart == null; attempt++) {
          try {
            afterRestart = stores.loginAttempts().reserve("alice@example.com");
          } catch (ServiceUnavailableException stillReconnecting) {
            // the next try waits on the pool again
          }
        }
        assertThat(afterRestart).isInstanceOf(AttemptReservation.Granted.class);
      }
    }
  }

  @Test
  void aClosedPort_atStart_failsWithTheAddressAndThePoolSettings() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    JdbcStoreSettings settings =
        JdbcStoreSettings.forUrl(
                "jdbc:postgresql://127.0.0.1:" + closedPort + "/auth", "postgres", "secret")
            .withConnectionTimeout(Duration.ofMillis(250));

    assertThatThrownBy(() -> JdbcStores.open(settings, clock, LockoutPolicy.defaults()))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("cannot connect to the database at jdbc:postgresql://127.0.0.1:")
        .hasMessageContaining("auth.store.jdbc.pool-size=10")
        .hasMessageContaining("auth.store.jdbc.connection-timeout=250ms")
        .hasMessageNotContaining("secret");
  }

  @Test
  void anExhaustedPool_failsClosed_namingPoolSizeAndConnectionTimeout() throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    JdbcStoreSettings settings =
        TestDatabase.postgresSettings(server)
            .withPoolSize(1)
            .withConnectionTimeout(Duration.ofMillis(250));
    try (JdbcStores stores = JdbcStores.open(settings, clock, LockoutPolicy.defaults());
        Connection blocker = server.dataSource().getConnection()) {
      stores.loginAttempts().reserve("alice@example.com");
      // Another client holds the key's row lock, so the next reservation holds the pool's only
      // connection while it waits: a slow query.
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute(
            "SELECT * FROM "
                + settings.schema()
                + ".portcullis_login_keys WHERE login_key = 'alice@example.com' FOR UPDATE");
      }
      CompletableFuture<AttemptReservation> slow =
          CompletableFuture.supplyAsync(() -> stores.loginAttempts().reserve("alice@example.com"));
      awaitLockWaiter(blocker);

      assertThatThrownBy(() -> stores.users().findById("u1"))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("jdbc user store is unavailable")
          .hasMessageContaining("no database connection became free")
          .hasMessageContaining("auth.store.jdbc.connection-timeout=250ms")
          .hasMessageContaining("auth.store.jdbc.pool-size=1");

      blocker.rollback();
      assertThat(slow.get(30, TimeUnit.SECONDS)).isInstanceOf(AttemptReservation.Granted.class);
    }
  }

  /** Returns once a session waits for a lock the blocker holds. */
  private static void awaitLockWaiter(Connection blocker) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    try (Statement s = blocker.createStatement()) {
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_locks WHERE NOT granted")) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
      }
    }
    throw new AssertionError("no session started waiting for the lock");
  }
}
