package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.jwt.internal.KeyLoader;
import dev.portcullis.auth.jwt.testing.Fixture;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per validation rule; each problem names its key and environment variable. */
final class JwtSettingsTest {

  private static final String PROD_OK =
      "auth.environment = production\n"
          + "auth.token.audiences = \"https://api.example.com\"\n"
          + "auth.token.algorithm = HS256\n"
          + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n";

  private static JwtSettings load(String hocon) {
    return load(hocon, Map.of());
  }

  private static JwtSettings load(String hocon, Map<String, String> env) {
    return JwtSettings.load(Fixture.rawConfig(hocon, env));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refuses(
      String hocon, String key, String env) {
    return assertThatThrownBy(() -> load(hocon))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
                    .contains(org.assertj.core.groups.Tuple.tuple(key, env)))
        .hasMessageContaining(key)
        .hasMessageContaining(env);
  }

  @Test
  void defaults_areFifteenMinutesSevenDaysSixtySeconds() {
    JwtSettings s = load(PROD_OK);

    assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
    assertThat(s.leeway()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.maxTokenSize()).isEqualTo(8192);
    assertThat(Fixture.ring(s).active().algorithm()).isEqualTo(JwsAlgorithm.HS256);
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void production_refusesAMissingSecret() {
    refuses(
            "auth.environment = production\nauth.token.audiences = api\n"
                + "auth.token.algorithm = HS256\n",
            "auth.token.secret-key",
            "AUTH_TOKEN_SECRET_KEY")
        .hasMessageContaining("openssl rand -base64 32");
  }

  @Test
  void production_withNoKeySettings_asksForAnRs256PrivateKeyFile() {
    refuses(
            "auth.environment = production\nauth.token.audiences = api\n",
            "auth.token.private-key-file",
            "AUTH_TOKEN_PRIVATE_KEY_FILE")
        .hasMessageContaining("RS256")
        .hasMessageContaining("openssl genpkey -algorithm RSA");
  }

  @Test
  void staging_refusesAPlaceholderSecret() {
    refuses(
            PROD_OK + "auth.environment = staging\nauth.token.secret-key = \"change-me\"\n",
            "auth.token.secret-key",
            "AUTH_TOKEN_SECRET_KEY")
        .hasMessageContaining("placeholder");
  }

  @Test
  void production_refusesASecretShorterThan32Bytes() {
    refuses(
            PROD_OK + "auth.token.secret-key = \"only-twenty-bytes-ab\"\n",
            "auth.token.secret-key",
            "AUTH_TOKEN_SECRET_KEY")
        .hasMessageContaining("20 bytes");
  }

  @Test
  void anyEnvironment_refusesASecretShorterThanTheHash() {
    refuses(
            "auth.environment = development\nauth.token.algorithm = HS512\n"
                + "auth.token.secret-key = \"0123456789012345678901234567890123456789\"\n",
            "auth.token.secret-key",
            "AUTH_TOKEN_SECRET_KEY")
        .hasMessageContaining("at least 64");
  }

  @Test
  void production_refusesAMissingAudience() {
    refuses(
        PROD_OK + "auth.token.audiences = \"\"\n", "auth.token.audiences", "AUTH_TOKEN_AUDIENCES");
  }

  @Test
  void refusesALeewayOverFiveMinutes() {
    refuses(PROD_OK + "auth.token.leeway = 10m\n", "auth.token.leeway", "AUTH_TOKEN_LEEWAY")
        .hasMessageContaining("300 s");
  }

  @Test
  void refusesANonPositiveAccessTokenLifetime() {
    refuses(
        PROD_OK + "auth.token.access-token-ttl = 0s\n",
        "auth.token.access-token-ttl",
        "AUTH_TOKEN_ACCESS_TOKEN_TTL");
  }

  @Test
  void refusesANonPositiveRefreshTokenLifetime() {
    refuses(
        PROD_OK + "auth.token.refresh-token-ttl = -1h\n",
        "auth.token.refresh-token-ttl",
        "AUTH_TOKEN_REFRESH_TOKEN_TTL");
  }

  @Test
  void production_refusesATenYearAccessTokenLifetime_capOneHour() {
    refuses(
            PROD_OK + "auth.token.access-token-ttl = 3650d\nauth.token.refresh-token-ttl = 3651d\n",
            "auth.token.access-token-ttl",
            "AUTH_TOKEN_ACCESS_TOKEN_TTL")
        .hasMessageContaining("production accepts at most 3600 s (1h)");
  }

  @Test
  void staging_refusesARefreshTokenLifetimeOverNinetyDays() {
    refuses(
            PROD_OK.replace("production", "staging") + "auth.token.refresh-token-ttl = 91d\n",
            "auth.token.refresh-token-ttl",
            "AUTH_TOKEN_REFRESH_TOKEN_TTL")
        .hasMessageContaining("staging accepts at most 7776000 s (90d)");
  }

  @Test
  void lifetimeCaps_areInclusive_andOnlyForStagingAndProduction() {
    JwtSettings capped =
        load(PROD_OK + "auth.token.access-token-ttl = 1h\nauth.token.refresh-token-ttl = 90d\n");
    assertThat(capped.accessTokenTtl()).isEqualTo(JwtSettings.MAX_STRICT_ACCESS_TOKEN_TTL);
    assertThat(capped.refreshTokenTtl()).isEqualTo(JwtSettings.MAX_STRICT_REFRESH_TOKEN_TTL);
    assertThat(
            load("auth.environment = development\n"
                    + "auth.token.access-token-ttl = 3650d\n"
                    + "auth.token.refresh-token-ttl = 3651d\n")
                .accessTokenTtl())
        .isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void refusesARefreshLifetimeNotAboveTheAccessLifetime() {
    refuses(
            PROD_OK + "auth.token.access-token-ttl = 1h\nauth.token.refresh-token-ttl = 1h\n",
            "auth.token.refresh-token-ttl",
            "AUTH_TOKEN_REFRESH_TOKEN_TTL")
        .hasMessageContaining("longer than auth.token.access-token-ttl");
  }

  @Test
  void refusesAnUnknownAlgorithm_includingNone() {
    refuses(
            PROD_OK + "auth.token.algorithm = none\n",
            "auth.token.algorithm",
            "AUTH_TOKEN_ALGORITHM")
        .hasMessageContaining("never issued or accepted");
  }

  @Test
  void production_refusesAnAsymmetricAlgorithmWithoutAPrivateKeyFile() {
    refuses(
            PROD_OK + "auth.token.algorithm = ES256\n",
            "auth.token.private-key-file",
            "AUTH_TOKEN_PRIVATE_KEY_FILE")
        .hasMessageContaining("openssl genpkey");
  }

  @Test
  void anUnreadableKeyFileIsNamedWhenTheKeysAreLoaded_readingTheSettingsOpensNoFile(
      @TempDir Path dir) {
    JwtSettings s =
        load(
            PROD_OK
                + "auth.token.algorithm = RS256\nauth.token.private-key-file = \""
                + dir.resolve("missing.pem")
                + "\"\n");

    assertThatThrownBy(() -> Fixture.ring(s))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.token.private-key-file", "AUTH_TOKEN_PRIVATE_KEY_FILE")))
        .hasMessageContaining("cannot be read");
  }

  @Test
  void refusesAPreviousKeyWithoutARetireDate() {
    refuses(
            PROD_OK
                + "auth.token.previous-key.secret-key = \"an-old-secret-that-is-long-enough-0123\"\n",
            "auth.token.previous-key.retire-at",
            "AUTH_TOKEN_PREVIOUS_KEY_RETIRE_AT")
        .hasMessageContaining("refresh-token-ttl");
  }

  @Test
  void production_refusesAShortTrustedIssuerSecret() {
    refuses(
        PROD_OK + "auth.token.trusted-issuer.secret-key = \"short\"\n",
        "auth.token.trusted-issuer.secret-key",
        "AUTH_TOKEN_TRUSTED_ISSUER_SECRET_KEY");
  }

  @Test
  void production_refusesAPlainHttpRemoteJwks() {
    refuses(
        PROD_OK + "auth.token.remote-jwks.url = \"http://issuer.example.com/jwks.json\"\n",
        "auth.token.remote-jwks.url",
        "AUTH_TOKEN_REMOTE_JWKS_URL");
  }

  @Test
  void refusesAnEmptyIssuer() {
    refuses(PROD_OK + "auth.token.issuer = \" \"\n", "auth.token.issuer", "AUTH_TOKEN_ISSUER");
  }

  @Test
  void everyProblemIsListedInOneException() {
    assertThatThrownBy(
            () ->
                load(
                    "auth.environment = production\n"
                        + "auth.token.algorithm = HS256\n"
                        + "auth.token.secret-key = \"secret\"\n"
                        + "auth.token.leeway = 1h\n"
                        + "auth.token.access-token-ttl = 0s\n"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key)
                    .contains(
                        "auth.token.secret-key",
                        "auth.token.audiences",
                        "auth.token.leeway",
                        "auth.token.access-token-ttl"));
  }

  @Test
  void development_withNoKeySettings_generatesAnRs256KeyOf2048BitsAndSaysSo() {
    JwtSettings s = load("auth.environment = development\n");

    KeyRing ring = Fixture.ring(s);
    assertThat(ring.active().algorithm()).isEqualTo(JwsAlgorithm.RS256);
    RSAPublicKey rsa = (RSAPublicKey) ring.active().verificationKey();
    assertThat(rsa.getModulus().bitLength()).isEqualTo(2048);
    assertThat(rsa.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
    assertThat(ring.jwks(Instant.now()).keys()).singleElement().isNotNull();
    assertThat(KeyLoader.warnings(s.signingKeys(), ring))
        .singleElement()
        .asString()
        .contains("auth.token.private-key-file", "AUTH_TOKEN_PRIVATE_KEY_FILE", "RS256");
  }

  @Test
  void production_secretWithoutAlgorithm_isAskedForAPrivateKeyFileAndToldHowToKeepHs256() {
    refuses(
            "auth.environment = production\n"
                + "auth.token.audiences = \"https://api.example.com\"\n"
                + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n",
            "auth.token.private-key-file",
            "AUTH_TOKEN_PRIVATE_KEY_FILE")
        .hasMessageContaining("RS256")
        .hasMessageContaining("it was HS256 before")
        .hasMessageContaining("auth.token.algorithm = HS256")
        .hasMessageContaining("AUTH_TOKEN_ALGORITHM=HS256")
        .hasMessageNotContaining("q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ");
  }

  @Test
  void development_secretWithoutAlgorithm_isRefusedToo_ratherThanIgnoringTheSecret() {
    refuses(
            "auth.environment = development\n"
                + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n",
            "auth.token.private-key-file",
            "AUTH_TOKEN_PRIVATE_KEY_FILE")
        .hasMessageContaining("auth.token.algorithm = HS256");
  }

  @Test
  void explicitHs256WithASecret_keepsSigningWithTheSecret() {
    JwtSettings s = load(PROD_OK);

    KeyRing ring = Fixture.ring(s);
    assertThat(ring.active().algorithm()).isEqualTo(JwsAlgorithm.HS256);
    assertThat(ring.active().keyId()).isEqualTo(JwtSettings.DEFAULT_KEY_ID);
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void development_generatesAMissingSecretAndSaysSo() {
    JwtSettings s = load("auth.environment = development\nauth.token.algorithm = HS256\n");

    KeyRing ring = Fixture.ring(s);
    assertThat(ring.active().algorithm()).isEqualTo(JwsAlgorithm.HS256);
    assertThat(s.warnings()).isEmpty(); // nothing is generated until the keys are loaded
    assertThat(KeyLoader.warnings(s.signingKeys(), ring))
        .singleElement()
        .asString()
        .contains("auth.token.secret-key", "AUTH_TOKEN_SECRET_KEY", "generated");
    Fixture f = Fixture.create().withRing(ring);
    assertThat(f.service.verify(f.login("alice").accessToken()).isOk()).isTrue();
  }

  @Test
  void development_generatesAMissingKeyPairAndSaysSo() {
    JwtSettings s = load("auth.environment = development\nauth.token.algorithm = EdDSA\n");

    KeyRing ring = Fixture.ring(s);
    assertThat(ring.active().algorithm()).isEqualTo(JwsAlgorithm.EDDSA);
    assertThat(KeyLoader.warnings(s.signingKeys(), ring))
        .singleElement()
        .asString()
        .contains("AUTH_TOKEN_PRIVATE_KEY_FILE");
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    Config c =
        Fixture.rawConfig(
            "",
            Map.of(
                "AUTH_ENVIRONMENT", "production",
                "AUTH_TOKEN_ALGORITHM", "HS256",
                "AUTH_TOKEN_SECRET_KEY", "q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=",
                "AUTH_TOKEN_AUDIENCES", "https://api.example.com, https://admin.example.com",
                "AUTH_TOKEN_ACCESS_TOKEN_TTL", "5m",
                "AUTH_TOKEN_ISSUER", "https://auth.example.com"));

    JwtSettings s = JwtSettings.load(c);

    assertThat(s.audiences())
        .containsExactly("https://api.example.com", "https://admin.example.com");
    assertThat(s.accessTokenTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.issuer()).isEqualTo("https://auth.example.com");
  }

  @Test
  void audiencesMayBeAListInAConfigFile() {
    JwtSettings s = load(PROD_OK + "auth.token.audiences = [\"a\", \" b \", \"a\"]\n");

    assertThat(s.audiences()).containsExactly("a", "b");
  }

  @Test
  void remoteJwks_makesTheServiceVerifyOnlyWithoutASigningKey() {
    JwtSettings s =
        load(
            "auth.environment = production\nauth.token.audiences = api\n"
                + "auth.token.remote-jwks.url = \"https://issuer.example.com/.well-known/jwks.json\"\n");

    assertThat(s.verifyOnly()).isTrue();
    assertThat(s.remote().orElseThrow().url().getHost()).isEqualTo("issuer.example.com");
  }

  @Test
  void toStringNeverPrintsTheSecret() {
    JwtSettings s = load(PROD_OK);

    assertThat(s.toString()).doesNotContain("q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ");
  }
}
