package dev.portcullis.auth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class RedisStoreSettingsTest {

  @Test
  void defaults_comeFromReferenceConf_withNoUrl() {
    assertThat(RedisStoreSettings.defaults())
        .isEqualTo(new RedisStoreSettings("", "", "", false, Duration.ofSeconds(2), "portcullis:"));
  }

  @Test
  void everyKey_isReadFromItsEnvironmentVariable_throughTheSettingsSection() {
    PortcullisSettings settings =
        PortcullisSettings.load(
            AuthConfig.load(
                "auth.environment = test\n",
                Map.of(
                    "AUTH_STORE_REDIS_URL", "rediss://redis.internal:6380/2",
                    "AUTH_STORE_REDIS_USERNAME", "portcullis",
                    "AUTH_STORE_REDIS_PASSWORD", "from-the-environment",
                    "AUTH_STORE_REDIS_CLUSTER", "true",
                    "AUTH_STORE_REDIS_COMMAND_TIMEOUT", "750ms",
                    "AUTH_STORE_REDIS_KEY_PREFIX", "acme:auth:")));

    assertThat(settings.get(RedisStoreSettings.class))
        .isEqualTo(
            new RedisStoreSettings(
                "rediss://redis.internal:6380/2",
                "portcullis",
                "from-the-environment",
                true,
                Duration.ofMillis(750),
                "acme:auth:"));
  }

  @Test
  void invalidValues_areAllReportedAtOnce_withTheirVariables() {
    assertThatThrownBy(
            () ->
                RedisStoreSettings.fromConfig(
                    AuthConfig.load(
                        "auth.store.redis { url = \"http://redis\", command-timeout = 2m,"
                            + " key-prefix = \"a{b}\" }",
                        Map.of())))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::environmentVariable)
                    .containsExactlyInAnyOrder(
                        "AUTH_STORE_REDIS_URL",
                        "AUTH_STORE_REDIS_COMMAND_TIMEOUT",
                        "AUTH_STORE_REDIS_KEY_PREFIX"));
  }

  @Test
  void module_withoutUrl_isRefusedNamingTheSettingAndVariable() {
    assertThatThrownBy(() -> new RedisStoreModule(RedisStoreSettings.defaults()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.store.redis.url")
        .hasMessageContaining("AUTH_STORE_REDIS_URL");
  }

  @Test
  void toString_andRedactedUrl_neverShowThePassword() {
    RedisStoreSettings s =
        RedisStoreSettings.forUrl("redis://user:hunter2@redis:6379/0")
            .withCredentials("app", "s3cret-value");

    assertThat(s.toString()).doesNotContain("hunter2").doesNotContain("s3cret-value");
    assertThat(s.redactedUrl()).isEqualTo("redis://<redacted>@redis:6379/0");
  }
}
