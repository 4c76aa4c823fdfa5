package dev.portcullis.auth.server;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.server.internal.DevKeys;
import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.CountingPasswordHasher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers (each with its own HTTP port, pool, Redis connection and data directory) on one
 * PostgreSQL and one Redis, as the README's fleet example runs them, act as one over real HTTP: the
 * lockout bound holds exactly across both, and a logout through one is refused by the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class FleetOnRedisAndPostgresTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final int MAX_ATTEMPTS = 5;

  private final CountingPasswordHasher hasher = CountingPasswordHasher.fast();
  private RedisServer redis;
  private PortcullisServer first;
  private PortcullisServer second;
  private Api a;
  private Api b;

  @BeforeAll
  void twoServersOnOnePostgresAndOneRedis(@TempDir Path dir) throws Exception {
    redis = RedisServer.start();
    EmbeddedPostgresServer postgres = EmbeddedPostgresServer.shared();
    Path key =
        Files.writeString(
            dir.resolve("signing.pem"),
            DevKeys.pem(DevKeys.newKeyPair(JwsAlgorithm.ES256)),
            StandardCharsets.US_ASCII);
    String config =
        String.join(
            "\n",
            "auth.server.store = jdbc",
            "auth.store.jdbc.url = \"" + postgres.jdbcUrl() + "\"",
            "auth.store.jdbc.username = " + EmbeddedPostgresServer.USER,
            "auth.store.jdbc.schema = " + EmbeddedPostgresServer.uniqueSchemaName("fleet"),
            "auth.store.jdbc.migrate-on-start = true",
            "auth.store.redis.url = \"" + redis.url() + "\"",
            "auth.store.redis.key-prefix = \"" + RedisServer.uniquePrefix() + "\"",
            "auth.lockout.max-attempts = " + MAX_ATTEMPTS,
            "auth.rate-limit.login = \"1000/minute\"",
            "auth.rate-limit.login-failures = \"1000/hour\"",
            "auth.token.algorithm = ES256",
            "auth.token.private-key-file = \"" + key.toString().replace("\\", "\\\\") + "\"");
    first = server(config, dir.resolve("a"));
    second = server(config, dir.resolve("b"));
    a = new Api(first.uri());
    b = new Api(second.uri());
    for (String email : List.of("alice@example.com", "bob@example.com")) {
      Res r =
          a.post("/auth/register")
              .json(obj("email", email, "password", PASSWORD, "name", "Test User"))
              .send();
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
  }

  private PortcullisServer server(String config, Path dataDir) {
    return PortcullisServer.builder()
        .config(TestConfigs.config(config))
        .dataDir(dataDir)
        .requestLog(RequestLog.none())
        .overrides(
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
                    .setBinding()
                    .toInstance(hasher);
              }
            })
        .build()
        .start();
  }

  @AfterAll
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {first, second, redis}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // best effort: the other resources still close
      }
    }
  }

  @Test
  void thirtyConcurrentWrongPasswordsOverBothServers_checkExactlyMaxAttemptsPasswords() {
    hasher.reset();

    List<Res> answers =
        Concurrently.run(
            30,
            i ->
                (i % 2 == 0 ? a : b)
                    .post("/auth/login")
                    .from("10.7.0." + (i + 1))
                    .json(obj("email", "alice@example.com", "password", "wrong guess " + i))
                    .send());

    Map<String, Long> codes =
        answers.stream().collect(Collectors.groupingBy(Res::code, Collectors.counting()));
    assertThat(hasher.verifications()).isEqualTo(MAX_ATTEMPTS);
    assertThat(codes)
        .as("%s", answers)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "invalid_credentials", (long) MAX_ATTEMPTS,
                "account_locked", (long) (30 - MAX_ATTEMPTS)));
    assertThat(answers.stream().collect(Collectors.groupingBy(Res::status, Collectors.counting())))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(401, (long) MAX_ATTEMPTS, 423, (long) (30 - MAX_ATTEMPTS)));
    // The right password is refused too, through either server, while the lock lasts.
    for (Api api : List.of(a, b)) {
      assertThat(
              api.post("/auth/login")
                  .json(obj("email", "alice@example.com", "password", PASSWORD))
                  .send()
                  .code())
          .isEqualTo("account_locked");
    }
  }

  @Test
  void tokenRevokedThroughOneServer_isRefusedByTheOther() {
    Res in =
        a.post("/auth/login").json(obj("email", "bob@example.com", "password", PASSWORD)).send();
    assertThat(in.status()).as(in.toString()).isEqualTo(200);
    String access = in.text("access_token");
    Res before = b.get("/auth/me").bearer(access).send();
    assertThat(before.status()).as("the other server accepts the token: %s", before).isEqualTo(200);

    assertThat(a.post("/auth/logout").bearer(access).send().status()).isEqualTo(204);

    Res after = b.get("/auth/me").bearer(access).send();
    assertThat(after.status()).as(after.toString()).isEqualTo(401);
    assertThat(after.code()).isEqualTo("token_revoked");
  }
}
