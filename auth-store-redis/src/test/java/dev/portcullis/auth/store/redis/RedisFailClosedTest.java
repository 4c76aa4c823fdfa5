package dev.portcullis.auth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import dev.portcullis.auth.testkit.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis that cannot answer (stopped, too slow, out of memory) makes every port fail closed with
 * {@code service_unavailable}: never a login, never "not revoked", never a second use.
 */
final class RedisFailClosedTest {
  private static final String HASH = "a".repeat(64);
  private static final String ACL_PASSWORD = "acl-test-password-2";

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private RedisServer server;
  private RedisStores stores;

  @BeforeEach
  void ownServer() {
    server = RedisServer.start();
    stores =
        RedisStores.open(
            server.settings().withCommandTimeout(Duration.ofSeconds(1)),
            clock,
            LockoutPolicy.defaults());
  }

  @AfterEach
  void stop() {
    try {
      if (stores != null) {
        stores.close();
      }
    } finally {
      server.close();
    }
  }

  /**
   * Every method of the six ports that talks to Redis, except the two that take whole values
   * ({@code AuthorizationCodeStore.save}, {@code DeviceGrantStore.save}/{@code approve}).
   */
  private List<ThrowingCallable> everyPort() {
    return concat(writes(), reads());
  }

  /** The methods that change state: each is a script, which an out-of-memory Redis refuses. */
  private List<ThrowingCallable> writes() {
    Instant now = clock.instant();
    Instant later = now.plus(Duration.ofMinutes(5));
    AttemptReservation.Granted granted = new AttemptReservation.Granted("bob@example.com", "r-1");
    return List.of(
        () -> stores.loginAttempts().reserve("alice@example.com"),
        () -> stores.loginAttempts().recordFailure(granted),
        () -> stores.loginAttempts().recordSuccess(granted),
        () -> stores.loginAttempts().release(granted),
        () -> stores.loginAttempts().clear("alice@example.com"),
        () -> stores.rateLimiter().tryAcquire("login:10.0.0.1", RateLimitRule.parse("5/minute")),
        () -> stores.blacklist().revokeToken("iss", "jti", now, later),
        () -> stores.blacklist().revokeSession("sid", now, later),
        () -> stores.blacklist().revokeUserBefore("user", now, later),
        () -> stores.singleUse().markUsed("totp", "step-1", later),
        () -> stores.authorizationCodes().consume(HASH, now),
        () -> stores.authorizationCodes().attachSession(HASH, "sid", now),
        () -> stores.deviceGrants().poll(HASH, now, Duration.ZERO));
  }

  /**
   * The methods that only read, those that read first ({@code deny} of an unknown user code answers
   * false without a script), and the purges (SCAN, then a script per key found).
   */
  private List<ThrowingCallable> reads() {
    Instant now = clock.instant();
    return List.of(
        () -> stores.loginAttempts().status("alice@example.com"),
        () -> stores.loginAttempts().activeLockouts(),
        () -> stores.rateLimiter().peek("login:10.0.0.1", RateLimitRule.parse("5/minute")),
        () -> stores.blacklist().check("iss", "jti", "user", "sid", now),
        () -> stores.deviceGrants().findByUserCode(HASH, now),
        () -> stores.deviceGrants().deny(HASH, now),
        () -> stores.singleUse().purge(now),
        () -> stores.authorizationCodes().purge(now),
        () -> stores.deviceGrants().purge(now));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void assertUnavailable(ThrowingCallable call, String because) {
    assertThatThrownBy(call)
        .isInstanceOf(ServiceUnavailableException.class)
        .satisfies(
            e -> {
              ServiceUnavailableException s = (ServiceUnavailableException) e;
              assertThat(s.error().code()).isEqualTo("service_unavailable");
              assertThat(s.error().message()).contains(because);
            });
  }

  @Test
  void serverStopped_everyPortFailsClosed() {
    assertThat(stores.loginAttempts().reserve("alice@example.com"))
        .isInstanceOf(AttemptReservation.Granted.class);

    server.close();

    for (ThrowingCallable call : everyPort()) {
      assertThatThrownBy(call)
          .isInstanceOf(ServiceUnavailableException.class)
          .extracting(e -> ((ServiceUnavailableException) e).error().code())
          .isEqualTo("service_unavailable");
    }
  }

  @Test
  void outOfMemory_failsClosedAndSaysSo() {
    try (Admin admin = new Admin(server)) {
      stores
          .blacklist()
          .revokeToken("iss", "revoked", clock.instant(), clock.instant().plusSeconds(600));
      admin.sync().configSet("maxmemory", "1");
      for (ThrowingCallable write : writes()) {
        assertUnavailable(write, "out of memory");
      }
      // Reads still answer from what is stored: a revoked token is never "not revoked".
      assertThat(stores.blacklist().check("iss", "revoked", "user", null, clock.instant()))
          .isPresent();
    }
  }

  @Test
  void slowServer_failsClosedAfterTheCommandTimeout() {
    Admin admin = new Admin(server);
    try {
      // Every other client's commands wait until the pause ends: a server that stopped answering.
      // UNPAUSE would wait for the pause too, so the server is stopped instead.
      admin.sync().clientPause(300_000);
      for (ThrowingCallable call : everyPort()) {
        assertUnavailable(call, "auth.store.redis.command-timeout=1s");
      }
    } finally {
      server.close();
      admin.close();
    }
  }

  @Test
  void wrongPassword_failsTheOpenClosed_namingTheCredentialSettings() {
    server.aclSetUser("portcullis", "on", ">" + ACL_PASSWORD, "~*", "+@all");

    assertThatThrownBy(
            () ->
                RedisStores.open(
                    server.settings().withCredentials("portcullis", "not-" + ACL_PASSWORD),
                    clock,
                    LockoutPolicy.defaults()))
        .isInstanceOf(ServiceUnavailableException.class)
        // "refused the login (WRONGPASS)" when the reply reaches the driver before the connection
        // closes (most runs); either way the message names the credential settings.
        .hasMessageContaining("auth.store.redis.password")
        .hasMessageNotContaining(ACL_PASSWORD);
  }

  @Test
  void aclUserWithoutEvalsha_failsClosed_namingTheAcl() {
    server.aclSetUser("noscripts", "on", ">" + ACL_PASSWORD, "~*", "+@all", "-evalsha");
    try (RedisStores limited =
        RedisStores.open(
            server.settings().withCredentials("noscripts", ACL_PASSWORD),
            clock,
            LockoutPolicy.defaults())) {
      assertUnavailable(() -> limited.loginAttempts().reserve("alice@example.com"), "NOPERM");
      assertUnavailable(
          () ->
              limited
                  .blacklist()
                  .revokeToken("iss", "jti", clock.instant(), clock.instant().plusSeconds(60)),
          "NOPERM");
    }
  }

  /** A second connection for server commands. */
  private static final class Admin implements AutoCloseable {
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    Admin(RedisServer server) {
      client = RedisClient.create(server.url());
      connection = client.connect();
    }

    io.lettuce.core.api.sync.RedisCommands<String, String> sync() {
      return connection.sync();
    }

    @Override
    public void close() {
      connection.close();
      client.shutdown();
    }
  }
}
