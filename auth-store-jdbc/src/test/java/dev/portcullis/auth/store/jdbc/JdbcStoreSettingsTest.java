package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class JdbcStoreSettingsTest {

  private static Config load(String hocon) {
    return AuthConfig.load(hocon, Map.of());
  }

  @Test
  void fromConfig_withOnlyAUrl_takesEveryOtherValueFromReferenceConf() {
    JdbcStoreSettings s =
        JdbcStoreSettings.fromConfig(load("auth.store.jdbc.url = \"jdbc:postgresql://db/auth\""));

    assertThat(s)
        .isEqualTo(
            new JdbcStoreSettings(
                "jdbc:postgresql://db/auth",
                "",
                "",
                "public",
                10,
                Duration.ofSeconds(5),
                Duration.ofMinutes(5),
                Duration.ofDays(90),
                false));
  }

  @Test
  void fromConfig_readsEveryKey() {
    JdbcStoreSettings s =
        JdbcStoreSettings.fromConfig(
            load(
                "auth.store.jdbc { url = \"jdbc:h2:mem:x\", username = app, password = s3cret,"
                    + " schema = tenant_a, pool-size = 3, connection-timeout = 750ms,"
                    + " purge-interval = 0, audit-retention = 7d, migrate-on-start = true }"));

    assertThat(s)
        .isEqualTo(
            new JdbcStoreSettings(
                "jdbc:h2:mem:x",
                "app",
                "s3cret",
                "tenant_a",
                3,
                Duration.ofMillis(750),
                Duration.ZERO,
                Duration.ofDays(7),
                true));
  }

  @Test
  void fromConfig_listsEveryProblemAtOnce_withKeyAndEnvironmentVariable() {
    assertThatThrownBy(
            () ->
                JdbcStoreSettings.fromConfig(
                    load(
                        "auth.store.jdbc { schema = \"bad-name\", pool-size = 0,"
                            + " connection-timeout = 10ms }")))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
                    .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.store.jdbc.schema", "AUTH_STORE_JDBC_SCHEMA"),
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.store.jdbc.pool-size", "AUTH_STORE_JDBC_POOL_SIZE"),
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.store.jdbc.connection-timeout",
                            "AUTH_STORE_JDBC_CONNECTION_TIMEOUT")));
  }

  @Test
  void fromConfig_readsOnlyWhatTheLoaderLoaded_noHiddenFallbackToReferenceConf() {
    assertThatThrownBy(
            () ->
                JdbcStoreSettings.fromConfig(
                    ConfigFactory.parseString("auth.store.jdbc.url = \"jdbc:h2:mem:x\"")))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .contains("auth.store.jdbc.schema", "auth.store.jdbc.pool-size"))
        .hasMessageContaining("is missing");
  }

  @Test
  void defaults_comeFromReferenceConf() {
    assertThat(JdbcStoreSettings.defaults())
        .isEqualTo(JdbcStoreSettings.fromConfig(AuthConfig.defaults()));
    assertThat(JdbcStoreSettings.defaults().hasUrl()).isFalse();
  }

  @Test
  void aModuleWithoutAUrlOrDataSource_isRefusedNamingTheKeyAndItsVariable() {
    assertThatThrownBy(() -> new JdbcStoreModule(JdbcStoreSettings.defaults()))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.store.jdbc.url", "AUTH_STORE_JDBC_URL")));
  }

  @Test
  void schema_mustBeAPlainIdentifier_soItCanNeverInjectSql() {
    assertThatThrownBy(() -> JdbcStoreSettings.defaults().withSchema("public; DROP TABLE x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.store.jdbc.schema");
  }

  @Test
  void toString_neverPrintsThePassword_norCredentialsInTheUrl() {
    JdbcStoreSettings s =
        JdbcStoreSettings.forUrl(
            "jdbc:postgresql://app:urlsecret@db:5432/auth?password=querysecret", "app", "s3cret");

    assertThat(s.toString())
        .doesNotContain("s3cret")
        .doesNotContain("urlsecret")
        .doesNotContain("querysecret")
        .contains("password=<redacted>")
        .contains("jdbc:postgresql://<redacted>@db:5432/auth");
  }
}
