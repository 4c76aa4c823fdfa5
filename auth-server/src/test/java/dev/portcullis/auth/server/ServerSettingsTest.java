package dev.portcullis.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthSettings;
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
                      "auth.token.secret-key",
                      "auth.hashing.argon2.memory-kib");
              // Each problem once, although several modules' validations see it.
              assertThat(keys(e)).doesNotHaveDuplicates();
              assertThat(e.getMessage()).doesNotContain("changeme");
            });
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
