package dev.portcullis.auth.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class HashingLimitsSettingsTest {
  private static final long MIB = 1024L * 1024L;
  private static final HostResources ROOMY = new HostResources(4096 * MIB, 2);

  private static AuthSettings load(String hocon, HostResources host) {
    return AuthSettings.load(AuthConfig.load(hocon, Map.of()), host);
  }

  private static ConfigProblem onlyProblem(String hocon, HostResources host) {
    ConfigurationException e =
        catchThrowableOfType(() -> load(hocon, host), ConfigurationException.class);
    assertThat(e).as("a ConfigurationException").isNotNull();
    assertThat(e.problems()).hasSize(1);
    return e.problems().get(0);
  }

  @Test
  void defaults_areAutomaticFromTheCoresAndTwoSecondsOfWait() {
    AuthSettings s = load("", ROOMY);

    assertThat(s.hashingLimits().maxConcurrent()).isEqualTo(2);
    assertThat(s.hashingLimits().maxWait()).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.hashingLimits().maxQueue()).isEqualTo(32);
  }

  @Test
  void automatic_isLoweredToWhatHalfTheHeapHolds() {
    // 19 MiB per argon2id hash; half of 100 MiB holds 2 of them, 16 cores would ask for 16.
    AuthSettings s = load("", new HostResources(100 * MIB, 16));

    assertThat(s.hashingLimits().maxConcurrent()).isEqualTo(2);
  }

  @Test
  void explicitSettings_areTakenAndHaveEnvironmentVariables() {
    AuthSettings s =
        AuthSettings.load(
            AuthConfig.load(
                "",
                Map.of(
                    "AUTH_HASHING_MAX_CONCURRENT",
                    "3",
                    "AUTH_HASHING_MAX_WAIT",
                    "500ms",
                    "AUTH_HASHING_MAX_QUEUE",
                    "7")),
            ROOMY);

    assertThat(s.hashingLimits().maxConcurrent()).isEqualTo(3);
    assertThat(s.hashingLimits().maxWait()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.hashingLimits().maxQueue()).isEqualTo(7);
  }

  @Test
  void aHeapTooSmallForTheCapTimesArgon2Memory_isRefusedNamingSettingsAndFix() {
    ConfigProblem p =
        onlyProblem(
            "auth.hashing { max-concurrent = 8, argon2.memory-kib = 19456 }",
            new HostResources(64 * MIB, 2));

    assertThat(p.key()).isEqualTo("auth.hashing.max-concurrent");
    assertThat(p.environmentVariable()).isEqualTo("AUTH_HASHING_MAX_CONCURRENT");
    assertThat(p.problem()).contains("8 concurrent argon2id hashes of 19456 KiB need 152 MiB");
    assertThat(p.problem()).contains("64 MiB");
    assertThat(p.fix()).contains("-Xmx304m").contains("at most 1");
  }

  @Test
  void automaticOnAHeapTooSmallForEvenOneHash_isRefused() {
    ConfigProblem p = onlyProblem("", new HostResources(32 * MIB, 2));

    assertThat(p.key()).isEqualTo("auth.hashing.max-concurrent");
    assertThat(p.problem()).contains("0 (automatic)").contains("1 concurrent argon2id hash");
    assertThat(p.fix()).contains("-Xmx38m").contains("auth.hashing.argon2.memory-kib");
  }

  @Test
  void bcrypt_hasNoMemoryBound() {
    AuthSettings s =
        load(
            "auth.hashing { algorithm = bcrypt, max-concurrent = 64 }",
            new HostResources(64 * MIB, 2));

    assertThat(s.hashingLimits().maxConcurrent()).isEqualTo(64);
  }

  @Test
  void outOfRangeValues_areRefused() {
    assertThat(onlyProblem("auth.hashing.max-concurrent = -1", ROOMY).key())
        .isEqualTo("auth.hashing.max-concurrent");
    assertThat(onlyProblem("auth.hashing.max-concurrent = 5000", ROOMY).key())
        .isEqualTo("auth.hashing.max-concurrent");
    assertThat(onlyProblem("auth.hashing.max-wait = -1s", ROOMY).key())
        .isEqualTo("auth.hashing.max-wait");
    assertThat(onlyProblem("auth.hashing.max-wait = 5m", ROOMY).key())
        .isEqualTo("auth.hashing.max-wait");
  }

  @Test
  void ipv6Prefix_defaultsTo64AndIsValidated() {
    assertThat(load("", ROOMY).rateLimits().ipv6Prefix()).isEqualTo(64);
    assertThat(
            AuthSettings.load(
                    AuthConfig.load("", Map.of("AUTH_RATE_LIMIT_IPV6_PREFIX", "56")), ROOMY)
                .rateLimits()
                .ipv6Prefix())
        .isEqualTo(56);
    assertThat(onlyProblem("auth.rate-limit.ipv6-prefix = 0", ROOMY).key())
        .isEqualTo("auth.rate-limit.ipv6-prefix");
    assertThat(onlyProblem("auth.rate-limit.ipv6-prefix = 129", ROOMY).key())
        .isEqualTo("auth.rate-limit.ipv6-prefix");
  }

  @Test
  void identifierMaxLength_isCappedAtTheStoreColumn() {
    assertThat(load("auth.identifier.max-length = 320", ROOMY).maxIdentifierLength())
        .isEqualTo(320);
    assertThat(onlyProblem("auth.identifier.max-length = 321", ROOMY).key())
        .isEqualTo("auth.identifier.max-length");
  }
}
