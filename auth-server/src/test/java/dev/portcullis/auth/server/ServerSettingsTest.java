package dev.portcullis.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ServerSettingsTest {

  @TempDir Path dataDir;

  private static List<String> keys(ConfigurationException e) {
    return e.problems().stream().map(ConfigProblem::key).toList();
  }

  @Test
  void defaults_areTheDocumentedOnes() {
    ServerSettings s = ServerSettings.load(TestConfigs.config("auth.server.port = 8080"));
    assertThat(s.port()).isEqualTo(8080);
    assertThat(s.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    assertThat(s.store()).isEqualTo(ServerSettings.Store.JDBC);
    assertThat(s.maxBodyBytes()).isEqualTo(65536);
    assertThat(s.admin()).isEmpty();
    assertThat(s.sync()).isEmpty();
    assertThat(s.corsAllowedOrigins()).isEmpty();
    assertThat(s.trustedProxies()).isEmpty();
    assertThat(s.requestLog()).isTrue();
  }

  @Test
  void limits_defaults_areTheDocumentedOnes() {
    ServerSettings s = ServerSettings.load(TestConfigs.config(""));
    assertThat(s.limits().minDataRate()).isEqualTo(512);
    assertThat(s.limits().idleTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(s.limits().bodyTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(s.limits().maxHeaderBytes()).isEqualTo(16_384);
  }

  @Test
  void limits_headerLimitTooSmallForTheLargestToken_isRefused_namingBothVariables() {
    ConfigurationException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ServerSettings.load(
                    TestConfigs.config(
                        "auth.token.max-size = 65536\n"
                            + "auth.server.limits.max-header-bytes = 32768")));
    assertThat(keys(e)).containsExactly("auth.server.limits.max-header-bytes");
    assertThat(e.getMessage())
        .contains("AUTH_SERVER_LIMITS_MAX_HEADER_BYTES")
        .contains("AUTH_TOKEN_MAX_SIZE")
        .contains("69632");
  }

  @Test
  void limits_outOfRange_areEachReported() {
    ConfigurationException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ConfigurationException.class,
            () ->
                ServerSettings.load(
                    TestConfigs.config(
                        String.join(
                            "\n",
                            "auth.server.limits.body-timeout = 1h",
                            "auth.server.limits.min-data-rate = -1",
                            "auth.server.limits.idle-timeout = 10ms"))));
    assertThat(keys(e))
        .contains(
            "auth.server.limits.body-timeout",
            "auth.server.limits.min-data-rate",
            "auth.server.limits.idle-timeout");
  }

  @Test
  void serverSection_isValidatedWithTheCoreSettings() {
    Config c = TestConfigs.config("auth.server.port = 70000\nauth.lockout.max-attempts = 0");
    assertThatThrownBy(() -> AuthSettings.load(c))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(keys(e)).contains("auth.server.port", "auth.lockout.max-attempts"));
  }

  @Test
  void production_refusesEveryInsecureServerSetting_atOnce() {
    Config c =
        TestConfigs.config(
            String.join(
                "\n",
                "auth.environment = production",
                "auth.server.admin-secret = changeme",
                "auth.server.sync-secret = short",
                "auth.server.cors.allowed-origins = \"*\"",
                "auth.server.trusted-proxies = \"0.0.0.0/0\"",
                "auth.server.store = memory",
                "auth.server.notify.webhook-url = \"http://mailer.example.com/hook\""));
    assertThatThrownBy(() -> PortcullisServer.builder().config(c).dataDir(dataDir).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(keys(e))
                  .contains(
                      "auth.server.admin-secret",
                      "auth.server.sync-secret",
                      "auth.server.cors.allowed-origins",
                      "auth.server.trusted-proxies",
                      "auth.server.store",
                      "auth.server.notify.webhook-url",
                      "auth.token.audiences",
                      "auth.token.private-key-file",
                      "auth.hashing.argon2.memory-kib");
              // Each problem once, although several modules' validations see it.
              assertThat(keys(e)).doesNotHaveDuplicates();
              assertThat(e.getMessage()).doesNotContain("changeme");
            });
  }

  @Test
  void production_refusesTheEmbeddedDatabase_unlessExplicitlyAllowed() {
    for (String env : List.of("staging", "production")) {
      Config c = TestConfigs.config("auth.environment = " + env);
      assertThatThrownBy(() -> PortcullisServer.builder().config(c).dataDir(dataDir).build())
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(keys(e)).contains("auth.server.allow-embedded-database");
                assertThat(e.getMessage())
                    .contains("AUTH_SERVER_ALLOW_EMBEDDED_DATABASE")
                    .contains("AUTH_STORE_JDBC_URL");
              });
    }
    // Nothing was created for a database that may not run.
    assertThat(dataDir.resolve("portcullis.mv.db")).doesNotExist();
    assertThat(dataDir.resolve("database.secret")).doesNotExist();

    Config h2 =
        TestConfigs.config(
            "auth.environment = production\n"
                + "auth.store.jdbc.url = \"jdbc:h2:file:/var/lib/portcullis/db\"");
    assertThatThrownBy(() -> ServerSettings.load(h2))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(keys(e)).contains("auth.server.allow-embedded-database"));

    for (String hocon :
        List.of(
            "auth.server.allow-embedded-database = true",
            "auth.store.jdbc.url = \"jdbc:postgresql://db:5432/portcullis\"",
            "auth.server.store = memory")) {
      SettingsReader reader =
          new SettingsReader(TestConfigs.config("auth.environment = production\n" + hocon));
      ServerSettings.read(reader);
      assertThat(reader.problems())
          .as(hocon)
          .noneSatisfy(p -> assertThat(p.key()).isEqualTo("auth.server.allow-embedded-database"));
    }
  }

  @Test
  void trustedProxies_whoseUnionIsEveryAddress_areRefusedInProduction_nearMissesAreNot() {
    List<String> everything =
        List.of(
            "0.0.0.0/0",
            "::/0",
            "0.0.0.0/1, 128.0.0.0/1",
            "::/1, 8000::/1",
            "128.0.0.0/1, 10.0.0.1, 0.0.0.0/2, 64.0.0.0/2",
            "192.0.0.0/1, 0.0.0.0/1", // host bits set: still the upper half
            "0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/3, 224.0.0.0/3",
            "10.0.0.0/8, 0.0.0.0/1, 128.0.0.0/1, fd00::/8",
            "::ffff:0.0.0.0/96");
    List<String> nearMisses =
        List.of(
            "0.0.0.0/1",
            "0.0.0.0/1, 128.0.0.0/2",
            "0.0.0.0/1, 128.0.0.0/2, 192.0.0.0/3, 224.0.0.0/4",
            "0.0.0.0/1, 128.0.0.1/32",
            "::/1, 8000::/2, c000::/3, e000::/4",
            "0.0.0.0/1, 8000::/1",
            "::/1, 128.0.0.0/1",
            "10.0.0.0/8, 192.168.0.0/16, fd00::/8");
    for (String proxies : everything) {
      assertThat(proxyProblems("production", proxies)).as(proxies).hasSize(1);
      assertThat(proxyProblems("development", proxies)).as(proxies).isEmpty();
      SettingsReader dev = reader("development", proxies);
      ServerSettings.read(dev);
      assertThat(dev.warnings())
          .as(proxies)
          .anySatisfy(w -> assertThat(w).contains("trusted-proxies").contains("covers every"));
    }
    for (String proxies : nearMisses) {
      assertThat(proxyProblems("production", proxies)).as(proxies).isEmpty();
    }
  }

  private static SettingsReader reader(String environment, String proxies) {
    return new SettingsReader(
        TestConfigs.config(
            "auth.environment = "
                + environment
                + "\nauth.server.trusted-proxies = \""
                + proxies
                + "\""));
  }

  private static List<ConfigProblem> proxyProblems(String environment, String proxies) {
    SettingsReader reader = reader(environment, proxies);
    ServerSettings.read(reader);
    return reader.problems().stream()
        .filter(p -> p.key().equals("auth.server.trusted-proxies"))
        .toList();
  }

  @Test
  void metricsToken_isASecret_distinctFromTheOthers() {
    ServerSettings off = ServerSettings.load(TestConfigs.config(""));
    assertThat(off.metrics()).isEmpty();
    Config same =
        TestConfigs.config(
            "auth.server.admin-secret = \"the-same-secret-for-both-0123456789\"\n"
                + "auth.server.metrics-token = \"the-same-secret-for-both-0123456789\"");
    assertThatThrownBy(() -> ServerSettings.load(same))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(keys(e)).containsExactly("auth.server.metrics-token"));
    SettingsReader production =
        new SettingsReader(
            TestConfigs.config(
                "auth.environment = production\nauth.server.metrics-token = changeme"));
    ServerSettings.read(production);
    assertThat(production.problems())
        .anySatisfy(p -> assertThat(p.key()).isEqualTo("auth.server.metrics-token"));
  }

  @Test
  void production_neverGeneratesKeys() {
    Config c = TestConfigs.config("auth.environment = production");
    assertThatThrownBy(() -> PortcullisServer.builder().config(c).dataDir(dataDir).build())
        .isInstanceOf(ConfigurationException.class);
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void anyEnvironment_refusesMalformedValues() {
    Config c =
        TestConfigs.config(
            String.join(
                "\n",
                "auth.server.cors.allowed-origins = \"https://app.example.com/, app.example.com\"",
                "auth.server.trusted-proxies = \"10.0.0.0/99, proxy.internal\"",
                "auth.server.store = redis",
                "auth.server.max-body-bytes = 10",
                "auth.server.admin-secret = \"the-same-secret-for-both-0123456789\"",
                "auth.server.sync-secret = \"the-same-secret-for-both-0123456789\"",
                "auth.server.notify.webhook-url = \"ftp://x\""));
    assertThatThrownBy(() -> ServerSettings.load(c))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems()).hasSize(8);
              assertThat(e.getMessage())
                  .contains("trailing slash")
                  .contains("not start with http")
                  .contains("prefix length")
                  .contains("not an IP address")
                  .contains("'redis' is not a store")
                  .contains("same as auth.server.admin-secret");
            });
  }

  @Test
  void development_allowsAnyOrigin_withAWarning() {
    ServerSettings s =
        ServerSettings.load(TestConfigs.config("auth.server.cors.allowed-origins = \"*\""));
    assertThat(s.corsAllowedOrigins()).containsExactly("*");
    assertThat(s.warnings()).anySatisfy(w -> assertThat(w).contains("allowed-origins"));
  }

  @Test
  void toString_neverPrintsSecrets() {
    ServerSettings s =
        ServerSettings.load(
            TestConfigs.config(
                "auth.server.admin-secret = \"admin-0123456789-0123456789-0123456789\"\n"
                    + "auth.server.sync-secret = \"sync-0123456789-0123456789-0123456789\""));
    assertThat(s.toString()).doesNotContain("0123456789").contains("<redacted>");
  }
}
