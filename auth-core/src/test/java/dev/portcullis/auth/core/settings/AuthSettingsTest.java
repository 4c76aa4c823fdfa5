package dev.portcullis.auth.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.hash.HashAlgorithm;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class AuthSettingsTest {
  private static final String PRODUCTION =
      "auth.environment = production\n"
          + "auth.reset.link-template = \"https://app.example/reset?t={token}\"\n";

  private static AuthSettings load(String hocon) {
    return AuthSettings.load(AuthConfig.load(hocon, Map.of()));
  }

  private static AuthSettings loadWithEnv(Map<String, String> env) {
    return AuthSettings.load(AuthConfig.load("", env));
  }

  /** The one problem a configuration has, asserting the message names key and env var. */
  private static ConfigProblem onlyProblem(String hocon, String key) {
    ConfigurationException e = (ConfigurationException) catchConfig(() -> load(hocon));
    assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(key);
    String env = SettingsReader.environmentVariable(key);
    assertThat(e.getMessage()).contains(key).contains("env " + env).contains("Fix: ");
    return e.problems().get(0);
  }

  private static Throwable catchConfig(Runnable r) {
    try {
      r.run();
    } catch (ConfigurationException e) {
      return e;
    }
    throw new AssertionError("expected a ConfigurationException");
  }

  @Test
  void defaults_areTheSeedsAndNist() {
    AuthSettings s = load("");

    assertThat(s.environment()).isEqualTo(Environment.DEVELOPMENT);
    assertThat(s.lockout().maxAttempts()).isEqualTo(5);
    assertThat(s.lockout().window()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.lockout().duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.lockout().progressive()).isFalse();
    assertThat(s.rateLimits().login()).isEqualTo(RateLimitRule.parse("5/minute"));
    assertThat(s.passwordPolicy().minLength()).isEqualTo(12);
    assertThat(s.passwordPolicy().maxLength()).isEqualTo(128);
    assertThat(s.hashing().algorithm()).isEqualTo(HashAlgorithm.ARGON2ID);
    assertThat(s.hashing().argon2().memoryKib()).isEqualTo(19456);
    assertThat(s.hashing().argon2().iterations()).isEqualTo(2);
    assertThat(s.hashing().argon2().parallelism()).isEqualTo(1);
    assertThat(s.hashing().bcrypt().cost()).isEqualTo(12);
    assertThat(s.hashing().hasPepper()).isFalse();
    assertThat(s.reset().tokenTtl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void environmentVariables_overrideTheDefaults() {
    AuthSettings s =
        loadWithEnv(
            Map.of(
                "AUTH_LOCKOUT_MAX_ATTEMPTS", "3",
                "AUTH_RATE_LIMIT_LOGIN", "20/minute",
                "AUTH_LOCKOUT_DURATION_INCREMENT", "2m",
                "AUTH_ENVIRONMENT", "test"));

    assertThat(s.lockout().maxAttempts()).isEqualTo(3);
    assertThat(s.lockout().progressive()).isTrue();
    assertThat(s.rateLimits().login()).isEqualTo(RateLimitRule.parse("20/minute"));
    assertThat(s.environment()).isEqualTo(Environment.TEST);
  }

  @Test
  void production_withSecureSettingsStarts() {
    assertThat(load(PRODUCTION).environment()).isEqualTo(Environment.PRODUCTION);
  }

  @Test
  void invalidEnvironment_isNamed() {
    assertThat(onlyProblem("auth.environment = prod", "auth.environment").fix())
        .contains("development, test, staging or production");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"auth.lockout.window", "auth.lockout.duration", "auth.lockout.max-duration"})
  void nonPositiveDurations_areRefusedInEveryEnvironment(String key) {
    onlyProblem(key + " = 0s", key);
  }

  @Test
  void negativeIncrement_isRefused() {
    onlyProblem("auth.lockout.duration-increment = -1m", "auth.lockout.duration-increment");
  }

  @Test
  void zeroMaxAttempts_isRefused() {
    assertThat(onlyProblem("auth.lockout.max-attempts = 0", "auth.lockout.max-attempts").problem())
        .contains("outside 1..1000");
  }

  @Test
  void maxDurationBelowDuration_isRefused() {
    onlyProblem("auth.lockout { duration = 10m, max-duration = 5m }", "auth.lockout.max-duration");
  }

  @Test
  void malformedRateLimit_isRefusedWithTheSyntax() {
    assertThat(
            onlyProblem("auth.rate-limit.login = \"five per minute\"", "auth.rate-limit.login")
                .fix())
        .contains("5/minute");
  }

  @Test
  void wrongType_isNamed() {
    onlyProblem("auth.password.min-length = twelve", "auth.password.min-length");
  }

  @Test
  void maxLengthBelowMinLength_isRefused() {
    onlyProblem("auth.password { min-length = 20, max-length = 16 }", "auth.password.max-length");
  }

  @Test
  void shortMinimumLength_isRefusedInProductionOnly() {
    onlyProblem(PRODUCTION + "auth.password.min-length = 6", "auth.password.min-length");
    AuthSettings dev = load("auth.password.min-length = 6");
    assertThat(dev.warnings()).anyMatch(w -> w.contains("auth.password.min-length"));
  }

  @Test
  void invalidBannedPattern_isRefused() {
    onlyProblem("auth.password.banned-patterns = [\"(unclosed\"]", "auth.password.banned-patterns");
  }

  @Test
  void unknownHashAlgorithm_isRefused() {
    onlyProblem("auth.hashing.algorithm = md5", "auth.hashing.algorithm");
  }

  @ParameterizedTest
  @CsvSource({
    "auth.hashing.argon2.memory-kib, 19455",
    "auth.hashing.bcrypt.cost, 11",
    "auth.hashing.scrypt.n, 65536",
    "auth.hashing.pbkdf2.sha256-iterations, 599999",
    "auth.hashing.pbkdf2.sha512-iterations, 209999"
  })
  void weakHashCosts_areRefusedInProductionAndStaging(String key, String value) {
    ConfigProblem p = onlyProblem(PRODUCTION + key + " = " + value, key);
    assertThat(p.problem()).contains("OWASP minimum");
    onlyProblem(PRODUCTION.replace("production", "staging") + key + " = " + value, key);
  }

  @Test
  void weakHashCosts_onlyWarnInDevelopment() {
    AuthSettings s = load("auth.hashing.argon2.memory-kib = 1024");

    assertThat(s.hashing().argon2().memoryKib()).isEqualTo(1024);
    assertThat(s.warnings()).anyMatch(w -> w.contains("AUTH_HASHING_ARGON2_MEMORY_KIB"));
  }

  @Test
  void scryptN_mustBeAPowerOfTwo() {
    onlyProblem("auth.hashing.scrypt.n = 150000", "auth.hashing.scrypt.n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"change-me", "CHANGE-ME", "secret", "Your-Secret-Key", "changeme123"})
  void placeholderPepper_isRefusedInProduction(String placeholder) {
    ConfigProblem p =
        onlyProblem(
            PRODUCTION + "auth.hashing.pepper = \"" + placeholder + "\"", "auth.hashing.pepper");
    assertThat(p.problem()).contains("placeholder").doesNotContain(placeholder);
    assertThat(p.fix()).contains("openssl rand -base64 32");
  }

  @Test
  void shortPepper_isRefusedInProductionWithoutQuotingIt() {
    String shortPepper = "Zq8vN2pL6sX1wR4y";
    ConfigProblem p =
        onlyProblem(
            PRODUCTION + "auth.hashing.pepper = \"" + shortPepper + "\"", "auth.hashing.pepper");
    assertThat(p.problem())
        .contains("16 bytes")
        .contains("at least 32")
        .doesNotContain(shortPepper);
  }

  @Test
  void strongPepper_isAccepted() {
    AuthSettings s =
        load(PRODUCTION + "auth.hashing.pepper = \"q3Jv8nW1xZ5tL0mB7cR2yK9pD4sF6hG0aE3uI8oP\"");

    assertThat(s.hashing().hasPepper()).isTrue();
    assertThat(s.toString()).doesNotContain("q3Jv8nW1xZ5tL0mB7cR2yK9pD4sF6hG0aE3uI8oP");
  }

  @Test
  void linkTemplateWithoutToken_isRefused() {
    onlyProblem("auth.reset.link-template = \"https://app/reset\"", "auth.reset.link-template");
  }

  @Test
  void localhostResetLink_isRefusedInProduction() {
    onlyProblem("auth.environment = production", "auth.reset.link-template");
  }

  @Test
  void localhostResetLink_inDevelopment_isTheExpectedDefault_andNotWarnedAbout() {
    AuthSettings dev = load("auth.environment = development");
    assertThat(dev.warnings()).noneMatch(w -> w.contains("auth.reset.link-template"));
    AuthSettings plainHttp =
        load("auth.reset.link-template = \"http://app.example/reset?t={token}\"");
    assertThat(plainHttp.warnings()).anyMatch(w -> w.contains("auth.reset.link-template"));
  }

  @Test
  void longResetLinks_areRefusedInProduction() {
    onlyProblem(PRODUCTION + "auth.reset.token-ttl = 48h", "auth.reset.token-ttl");
  }

  @Test
  void everyProblem_isReportedInOneException() {
    ConfigurationException e =
        (ConfigurationException)
            catchConfig(
                () ->
                    load(
                        "auth.environment = production\n"
                            + "auth.lockout.window = 0s\n"
                            + "auth.hashing.bcrypt.cost = 10\n"
                            + "auth.hashing.pepper = secret\n"
                            + "auth.rate-limit.login = often\n"));

    assertThat(e.problems())
        .extracting(ConfigProblem::key)
        .containsExactlyInAnyOrder(
            "auth.lockout.window",
            "auth.hashing.bcrypt.cost",
            "auth.hashing.pepper",
            "auth.rate-limit.login",
            "auth.reset.link-template");
    assertThat(e.getMessage()).startsWith("configuration_invalid: 5 configuration problems:");
  }

  @Test
  void problems_neverQuoteSecretValues() {
    assertThatThrownBy(() -> load(PRODUCTION + "auth.hashing.pepper = \"hunter2-is-my-pepper\""))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void audit_defaultsToAuto_whichAnApplicationsInjectorWritesSynchronously() {
    AuthSettings s = load("");

    assertThat(s.audit())
        .isEqualTo(
            new dev.portcullis.auth.core.event.AuditSettings(
                dev.portcullis.auth.core.event.AuditSettings.Mode.AUTO,
                10_000,
                100,
                Duration.ofSeconds(5)));
    assertThat(s.audit().queued()).isFalse();
    assertThat(load("auth.audit.mode = queued").audit().queued()).isTrue();
    assertThat(loadWithEnv(Map.of("AUTH_AUDIT_MODE", "queued")).audit().queued()).isTrue();
  }

  @Test
  void audit_anUnknownMode_isRefusedNamingKeyAndVariable() {
    ConfigProblem p = onlyProblem("auth.audit.mode = sometimes", "auth.audit.mode");

    assertThat(p.problem()).contains("sometimes");
    assertThat(p.fix()).contains("synchronous, queued or auto");
  }

  @Test
  void audit_aBatchLargerThanTheQueue_isRefused() {
    ConfigProblem p =
        onlyProblem(
            "auth.audit.queue-capacity = 10\nauth.audit.batch-size = 50", "auth.audit.batch-size");

    assertThat(p.problem()).contains("queue-capacity");
  }

  @Test
  void audit_aMaxWaitOverAMinute_isRefused() {
    onlyProblem("auth.audit.max-wait = 2m", "auth.audit.max-wait");
  }
}
