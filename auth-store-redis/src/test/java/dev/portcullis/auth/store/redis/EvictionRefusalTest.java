package dev.portcullis.auth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.store.jdbc.JdbcStoreModule;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.redis.testsupport.RedisCluster;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import dev.portcullis.auth.testkit.StrictInjector;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Start-up refuses a Redis whose {@code maxmemory-policy} is not {@code noeviction} (an evicted
 * revocation un-revokes a token), reading the policy through CONFIG GET or, when an ACL forbids it,
 * INFO; a Redis that answers neither starts with a warning naming the risk.
 */
final class EvictionRefusalTest {
  private static final String ACL_PASSWORD = "acl-test-password-1";

  private static RedisStores open(RedisStoreSettings settings) {
    return RedisStores.open(settings, Clock.systemUTC(), LockoutPolicy.defaults());
  }

  private static void assertRefused(ThrowingCallable start, String policy) {
    assertThatThrownBy(start)
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e -> {
              assertThat(((ConfigurationException) e).problems())
                  .singleElement()
                  .satisfies(
                      p -> {
                        assertThat(p.key()).isEqualTo("auth.store.redis.url");
                        assertThat(p.environmentVariable()).isEqualTo("AUTH_STORE_REDIS_URL");
                      });
              assertThat(e.getMessage())
                  .contains("maxmemory-policy " + policy)
                  .contains("an evicted revocation un-revokes a token")
                  .contains("CONFIG SET maxmemory-policy noeviction")
                  .contains("redis.conf")
                  .doesNotContain(ACL_PASSWORD);
            });
  }

  /** Runs {@code test} on a connection to {@code server} as ACL user {@code user}. */
  private static void as(
      RedisServer server, String user, Consumer<RedisCommands<String, String>> test) {
    RedisClient client = RedisClient.create();
    try (StatefulRedisConnection<String, String> c =
        client.connect(
            RedisURI.builder(RedisURI.create(server.url()))
                .withAuthentication(user, ACL_PASSWORD.toCharArray())
                .build())) {
      test.accept(c.sync());
    } finally {
      client.shutdown();
    }
  }

  @Test
  void evictingServer_isRefusedAtOpen_namingTheSettingTheRiskAndTheFix() {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
      assertRefused(() -> open(evicting.settings()), "allkeys-lru");
    }
  }

  @Test
  void volatilePolicy_isRefusedToo_sinceEveryKeyOfTheStoresHasATtl() {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "volatile-ttl")) {
      assertRefused(() -> open(evicting.settings()), "volatile-ttl");
    }
  }

  @Test
  void redisStoreModule_refusesAnEvictingServer_whenTheInjectorIsCreated() {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
      JdbcStoreSettings jdbc =
          JdbcStoreSettings.forUrl(
                  "jdbc:h2:mem:evict_" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
                  "sa",
                  "")
              .withMigrateOnStart(true);

      assertThatThrownBy(
              () ->
                  StrictInjector.of(
                      new AuthModule(AuthConfig.load("auth.environment = test\n", Map.of())),
                      new RedisStoreModule(evicting.settings()).over(new JdbcStoreModule(jdbc))))
          .isInstanceOf(CreationException.class)
          .satisfies(
              e ->
                  assertThat(((CreationException) e).getErrorMessages())
                      .isNotEmpty()
                      .allSatisfy(
                          m ->
                              assertThat(m.getCause())
                                  .isInstanceOf(ConfigurationException.class)
                                  .hasMessageContaining("maxmemory-policy allkeys-lru")));
    }
  }

  @Test
  void aclUserWithoutConfig_isCheckedThroughInfo_andRefused() {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
      evicting.aclSetUser("noconfig", "on", ">" + ACL_PASSWORD, "~*", "&*", "+@all", "-config");
      RedisStoreSettings settings = evicting.settings().withCredentials("noconfig", ACL_PASSWORD);
      as(
          evicting,
          "noconfig",
          redis -> {
            assertThatThrownBy(() -> redis.configGet("maxmemory-policy"))
                .hasMessageStartingWith("NOPERM");
            assertThat(EvictionCheck.policy(redis)).isEqualTo("allkeys-lru");
          });

      assertRefused(() -> open(settings), "allkeys-lru");
    }
  }

  @Test
  void aclUserWithoutConfigOrInfo_startsWithAWarningNamingTheRisk() {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
      evicting.aclSetUser(
          "blind", "on", ">" + ACL_PASSWORD, "~*", "&*", "+@all", "-config", "-info");
      RedisStoreSettings settings = evicting.settings().withCredentials("blind", ACL_PASSWORD);
      as(
          evicting,
          "blind",
          redis -> {
            String policy = EvictionCheck.policy(redis);
            assertThat(policy).isNull();
            assertThat(
                    EvictionCheck.require(settings, List.of(new EvictionCheck.Node("r1", policy))))
                .singleElement()
                .asString()
                .startsWith("RISK:")
                .contains("maxmemory-policy of Redis r1 could not be read")
                .contains("an evicted revocation un-revokes a token")
                .contains("noeviction");
          });

      try (RedisStores stores = open(settings)) {
        assertThat(stores.loginAttempts().reserve("alice@example.com"))
            .isInstanceOf(AttemptReservation.Granted.class);
      }
    }
  }

  @Test
  void noevictionServer_opens() {
    try (RedisStores stores = open(RedisServer.shared().settings())) {
      assertThat(stores.loginAttempts().reserve("alice@example.com"))
          .isInstanceOf(AttemptReservation.Granted.class);
    }
  }

  @Test
  void clusterWithOneEvictingMaster_isRefused_namingThatNode() {
    RedisCluster cluster = RedisCluster.shared();
    int port = cluster.ports().get(2);
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().configSet("maxmemory-policy", "allkeys-lfu");
      try {
        assertRefused(() -> open(cluster.settings()), "allkeys-lfu");
        assertThatThrownBy(() -> open(cluster.settings()))
            .hasMessageContaining("127.0.0.1:" + port + " has maxmemory-policy allkeys-lfu");
      } finally {
        c.sync().configSet("maxmemory-policy", "noeviction");
      }
    } finally {
      client.shutdown();
    }
    try (RedisStores stores = open(cluster.settings())) {
      assertThat(stores.blacklist().check("iss", "jti", "user", null, java.time.Instant.now()))
          .isEmpty();
    }
  }
}
