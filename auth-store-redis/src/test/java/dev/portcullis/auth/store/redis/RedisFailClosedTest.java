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

  private List<ThrowingCallable> everyPort() {
    Instant later = clock.instant().plus(Duration.ofMinutes(5));
    return List.of(
        () -> stores.loginAttempts().reserve("alice@example.com"),
        () -> stores.loginAttempts().status("alice@example.com"),
        () -> stores.rateLimiter().tryAcquire("login:10.0.0.1", RateLimitRule.parse("5/minute")),
        () -> stores.rateLimiter().peek("login:10.0.0.1", RateLimitRule.parse("5/minute")),
        () -> stores.blacklist().check("iss", "jti", "user", "sid", clock.instant()),
        () -> stores.blacklist().revokeToken("iss", "jti", clock.instant(), later),
        () -> stores.singleUse().markUsed("totp", "step-1", later),
        () -> stores.authorizationCodes().consume(HASH, clock.instant()),
        () -> stores.deviceGrants().poll(HASH, clock.instant(), Duration.ZERO));
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
      admin.sync().configSet("maxmemory", "1");
      assertUnavailable(() -> stores.loginAttempts().reserve("alice@example.com"), "out of memory");
      assertUnavailable(
          () ->
              stores
                  .blacklist()
                  .revokeToken("iss", "jti", clock.instant(), clock.instant().plusSeconds(60)),
          "out of memory");
    }
  }

  @Test
  void slowServer_failsClosedAfterTheCommandTimeout() {
    try (Admin admin = new Admin(server)) {
      // Every other client's commands wait until the pause ends: a server that stopped answering.
      admin.sync().clientPause(10_000);
      try {
        assertUnavailable(
            () -> stores.blacklist().check("iss", "jti", "user", null, clock.instant()),
            "auth.store.redis.command-timeout=1s");
      } finally {
        admin
            .sync()
            .dispatch(
                io.lettuce.core.protocol.CommandType.CLIENT,
                new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                    .add("UNPAUSE"));
      }
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
