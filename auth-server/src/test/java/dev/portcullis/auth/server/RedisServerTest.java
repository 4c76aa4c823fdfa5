package dev.portcullis.auth.server;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.server.internal.Doctor;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code auth.store.redis.url} set, the server keeps its hot state (lockouts, rate limits,
 * revocations) on a real redis-server and users and sessions in its database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RedisServerTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String PREFIX = "srv:";

  private RedisServer redis;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;

  @BeforeAll
  void startRedis() {
    redis = RedisServer.start();
    client = RedisClient.create(redis.url());
    connection = client.connect();
  }

  @AfterAll
  void stopRedis() {
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.shutdown();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private String config(String store) {
    return String.join(
        "\n",
        "auth.server.store = " + store,
        "auth.rate-limit.login = \"100/minute\"",
        "auth.store.redis.url = \"" + redis.url() + "\"",
        "auth.store.redis.key-prefix = \"" + PREFIX + "\"");
  }

  private List<String> keys(String kind) {
    RedisCommands<String, String> sync = connection.sync();
    return sync.keys(PREFIX + kind + ":*");
  }

  @Test
  void aLockoutAndALogout_landInRedis(@TempDir Path dataDir) {
    try (PortcullisServer server =
        PortcullisServer.builder()
            .config(TestConfigs.config(config("jdbc")))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build()
            .start()) {
      Api api = new Api(server.uri());
      for (String email : List.of("locked@example.com", "leaving@example.com")) {
        Res r =
            api.post("/auth/register")
                .json(obj("email", email, "password", PASSWORD, "name", "Test User"))
                .send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
      }
      assertThat(keys("la")).isEmpty();

      Res last = null;
      for (int i = 0; i < 6; i++) {
        last =
            api.post("/auth/login")
                .json(obj("email", "locked@example.com", "password", "wrong password " + i))
                .send();
      }
      assertThat(last.status()).as(last.toString()).isEqualTo(423);
      assertThat(keys("la")).as("the lockout is in Redis").isNotEmpty();

      Res in =
          api.post("/auth/login")
              .json(obj("email", "leaving@example.com", "password", PASSWORD))
              .send();
      assertThat(in.status()).as(in.toString()).isEqualTo(200);
      String access = in.text("access_token");
      assertThat(keys("bl:s")).isEmpty();
      assertThat(api.post("/auth/logout").bearer(access).send().status()).isEqualTo(204);

      assertThat(keys("bl:*")).as("the revocation is in Redis").isNotEmpty();
      assertThat(api.get("/auth/me").bearer(access).send().code()).isEqualTo("token_revoked");
    }
  }

  @Test
  void whileRedisIsDown_readinessAnswers503NamingIt_andLivenessStays200(@TempDir Path dataDir) {
    RedisServer own = RedisServer.start();
    try (PortcullisServer server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = jdbc",
                        "auth.store.redis.url = \"" + own.url() + "\"",
                        "auth.store.redis.key-prefix = \"ready:\"")))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build()
            .start()) {
      Api api = new Api(server.uri());
      Res up = api.get("/health/ready").send();
      assertThat(up.status()).as(up.toString()).isEqualTo(200);
      assertThat(up.json().path("checks").path("redis").path("status").asText()).isEqualTo("UP");

      own.close();

      Res down = api.get("/health/ready").send();
      assertThat(down.status()).as(down.toString()).isEqualTo(503);
      assertThat(down.json().path("failing").toString()).isEqualTo("[\"redis\"]");
      assertThat(down.body()).doesNotContain(own.url());
      assertThat(api.get("/health/live").send().status()).isEqualTo(200);
    } finally {
      own.close();
    }
  }

  @Test
  void redisWithTheMemoryStore_isRefusedAtStart_namingBothSettings(@TempDir Path dataDir) {
    assertThatThrownBy(
            () ->
                PortcullisServer.builder()
                    .config(TestConfigs.config(config("memory")))
                    .dataDir(dataDir)
                    .requestLog(RequestLog.none())
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("AUTH_STORE_REDIS_URL")
        .hasMessageContaining("AUTH_SERVER_STORE")
        .hasMessageNotContaining(redis.url());
  }

  @Test
  void anEvictingRedis_isRefusedAtStart_namingTheSettingTheRiskAndTheFix(@TempDir Path dataDir) {
    try (RedisServer evicting = RedisServer.start("--maxmemory-policy", "allkeys-lru")) {
      String config =
          String.join(
              "\n",
              "auth.server.store = jdbc",
              "auth.store.redis.url = \"" + evicting.url() + "\"",
              "auth.store.redis.key-prefix = \"" + PREFIX + "\"");

      assertThatThrownBy(
              () ->
                  PortcullisServer.builder()
                      .config(TestConfigs.config(config))
                      .dataDir(dataDir)
                      .requestLog(RequestLog.none())
                      .build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("AUTH_STORE_REDIS_URL")
          .hasMessageContaining("maxmemory-policy allkeys-lru")
          .hasMessageContaining("an evicted revocation un-revokes a token")
          .hasMessageContaining("CONFIG SET maxmemory-policy noeviction");
    }
  }

  @Test
  void doctor_reportsRedisWithTheMemoryStore_andChecksTheServer(@TempDir Path dataDir) {
    Doctor.Report report =
        Doctor.examine(
            TestConfigs.config(config("memory") + "\nauth.server.data-dir = \"" + dataDir + "\""),
            Clock.systemUTC());

    assertThat(report.problems())
        .singleElement()
        .satisfies(f -> assertThat(f.subject()).contains("AUTH_STORE_REDIS_URL"));
    assertThat(report.findings())
        .anySatisfy(f -> assertThat(f.message()).contains("maxmemory-policy noeviction"));
  }
}
