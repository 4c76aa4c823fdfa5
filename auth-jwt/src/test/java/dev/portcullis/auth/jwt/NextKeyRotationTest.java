package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation that publishes the next key before it signs ({@code auth.token.next-key.*}): the
 * upcoming key is in the JWKS and verifies from the start, never signs, and is refused when a
 * verifier could confuse it with the active key.
 */
final class NextKeyRotationTest {

  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static final String PROD =
      "auth.environment = production\n" + "auth.token.audiences = \"api\"\n";

  private static KeyRing ring(String hocon) {
    return Fixture.ring(JwtSettings.load(Fixture.rawConfig(hocon, Map.of())));
  }

  private static String quoted(Path p) {
    return "\"" + p.toString().replace("\\", "\\\\") + "\"";
  }

  private static Path write(Path dir, String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void jwks_publishesTheActiveTheUpcomingAndThePreviousKeyUntilItRetires() {
    JwtKey active = TestKeys.key("active", JwsAlgorithm.RS256);
    JwtKey next = TestKeys.key("next", JwsAlgorithm.ES256);
    JwtKey previous = TestKeys.key("previous", JwsAlgorithm.EDDSA).retiringAt(NOW.plusSeconds(60));
    KeyRing ring = KeyRing.of(active, List.of(previous), List.of(next));

    assertThat(ring.jwks(NOW).keys())
        .extracting(JwtKey::keyId)
        .containsExactlyInAnyOrder("active", "next", "previous");
    assertThat(ring.jwks(NOW.plusSeconds(60)).keys())
        .extracting(JwtKey::keyId)
        .containsExactlyInAnyOrder("active", "next");
    assertThat(ring.upcoming()).extracting(JwtKey::keyId).containsExactly("next");
    assertThat(ring.passive()).extracting(JwtKey::keyId).containsExactly("previous");
  }

  @Test
  void tokensAreSignedWithTheActiveKeyOnly_theUpcomingKeyIsHeldWithoutItsPrivateKey() {
    JwtKey next = TestKeys.key("next", JwsAlgorithm.ES256);
    KeyRing ring = KeyRing.of(TestKeys.key("active", JwsAlgorithm.RS256), List.of(), List.of(next));
    Fixture f = Fixture.create().withRing(ring);

    for (int i = 0; i < 5; i++) {
      TokenPair pair = f.login("user-" + i);
      Map<String, Object> header =
          Json.parseObject(Tokens.decode(pair.accessToken().split("\\.")[0]));
      assertThat(header).containsEntry("kid", "active").containsEntry("alg", "RS256");
    }
    assertThat(next.canSign()).isTrue();
    assertThat(ring.upcoming()).singleElement().satisfies(k -> assertThat(k.canSign()).isFalse());
    assertThat(ring.find("next").orElseThrow().signingKey()).isEmpty();
  }

  @Test
  void aTokenSignedByTheUpcomingKey_byAnInstanceThatPromotedItFirst_verifies() {
    JwtKey active = TestKeys.key("active", JwsAlgorithm.RS256);
    JwtKey next = TestKeys.key("next", JwsAlgorithm.ES256);
    Fixture promoted = Fixture.create().withRing(KeyRing.of(active).rotate(next, NOW));
    Fixture staged = Fixture.create().withRing(KeyRing.of(active, List.of(), List.of(next)));
    staged.clock.set(promoted.clock.instant());

    TokenPair minted = promoted.login("alice");

    assertThat(Json.parseObject(Tokens.decode(minted.accessToken().split("\\.")[0])))
        .containsEntry("kid", "next");
    assertThat(staged.service.verify(minted.accessToken()).unwrap().subject()).isEqualTo("alice");
    // Its refresh tokens verify too: the upcoming key's refresh-token key is in the ring.
    assertThat(staged.ring.refreshKeys().find("next" + JwtKey.REFRESH_KEY_SUFFIX)).isPresent();
  }

  @Test
  void promotion_makesTheUpcomingKeySignAndKeepsTheFormerActiveKeyUntilItRetires() {
    JwtKey active = TestKeys.key("active", JwsAlgorithm.RS256);
    JwtKey next = TestKeys.key("next", JwsAlgorithm.ES256);
    KeyRing staged = KeyRing.of(active, List.of(), List.of(next));

    KeyRing promoted = staged.rotate(next, NOW.plus(Duration.ofDays(7)));

    assertThat(promoted.active().keyId()).isEqualTo("next");
    assertThat(promoted.active().canSign()).isTrue();
    assertThat(promoted.upcoming()).isEmpty();
    assertThat(promoted.passive()).extracting(JwtKey::keyId).containsExactly("active");
  }

  @Test
  void aRingRefusesAnUpcomingKeyWithTheActiveKeysIdOrMaterial() {
    JwtKey active = TestKeys.key("same", JwsAlgorithm.RS256);
    assertThatThrownBy(
            () -> KeyRing.of(active, List.of(), List.of(TestKeys.key("same", JwsAlgorithm.ES256))))
        .hasMessageContaining("share the id same");
    assertThatThrownBy(
            () -> KeyRing.of(active, List.of(), List.of(TestKeys.key("other", JwsAlgorithm.RS256))))
        .hasMessageContaining("is the active key");
  }

  @Test
  void startUp_refusesANextKeyWithTheActiveKeysId(@TempDir Path dir) throws Exception {
    Path activeFile =
        write(dir, "active.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256)));
    Path nextFile =
        write(dir, "next.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256, "next")));
    String hocon =
        PROD
            + "auth.token.algorithm = ES256\n"
            + "auth.token.private-key-file = "
            + quoted(activeFile)
            + "\nauth.token.key-id = \"2030-01\"\n"
            + "auth.token.next-key.private-key-file = "
            + quoted(nextFile)
            + "\nauth.token.next-key.key-id = \"2030-01\"\n";

    assertThatThrownBy(() -> ring(hocon))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::key, ConfigProblem::environmentVariable)
                    .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                            "auth.token.next-key.key-id", "AUTH_TOKEN_NEXT_KEY_KEY_ID")))
        .hasMessageContaining("the same as the active key's id");
  }

  @Test
  void startUp_refusesTheActiveKeyFileStagedAsTheNextKey(@TempDir Path dir) throws Exception {
    Path activeFile =
        write(dir, "active.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256)));
    String hocon =
        PROD
            + "auth.token.algorithm = ES256\n"
            + "auth.token.private-key-file = "
            + quoted(activeFile)
            + "\nauth.token.next-key.private-key-file = "
            + quoted(activeFile)
            + "\nauth.token.next-key.key-id = \"2030-01\"\n";

    assertThatThrownBy(() -> ring(hocon))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.token.next-key.private-key-file")
        .hasMessageContaining("AUTH_TOKEN_NEXT_KEY_PRIVATE_KEY_FILE")
        .hasMessageContaining("holds the active key");
  }

  @Test
  void startUp_loadsANextKeyFile_publishedUnderItsThumbprint_withTheActiveAlgorithmByDefault(
      @TempDir Path dir) throws Exception {
    Path activeFile =
        write(dir, "active.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256)));
    Path nextFile =
        write(dir, "next.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256, "next")));

    KeyRing ring =
        ring(
            PROD
                + "auth.token.algorithm = ES256\n"
                + "auth.token.private-key-file = "
                + quoted(activeFile)
                + "\nauth.token.next-key.private-key-file = "
                + quoted(nextFile)
                + "\n");

    String thumbprint = JwtKey.thumbprint(TestKeys.pair(JwsAlgorithm.ES256, "next").getPublic());
    assertThat(ring.upcoming())
        .singleElement()
        .satisfies(
            k -> {
              assertThat(k.keyId()).isEqualTo(thumbprint);
              assertThat(k.algorithm()).isEqualTo(JwsAlgorithm.ES256);
              assertThat(k.canSign()).isFalse();
            });
    assertThat(ring.jwks(NOW).find(thumbprint)).isPresent();
  }

  @Test
  void startUp_refusesANextKeyFileThatHoldsOnlyAPublicKey(@TempDir Path dir) throws Exception {
    Path activeFile =
        write(dir, "active.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256)));
    Path nextFile =
        write(dir, "next.pub.pem", TestKeys.publicPem(TestKeys.pair(JwsAlgorithm.ES256, "next")));

    assertThatThrownBy(
            () ->
                ring(
                    PROD
                        + "auth.token.algorithm = ES256\n"
                        + "auth.token.private-key-file = "
                        + quoted(activeFile)
                        + "\nauth.token.next-key.private-key-file = "
                        + quoted(nextFile)
                        + "\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.token.next-key.private-key-file")
        .hasMessageContaining("cannot sign");
  }

  @Test
  void aNextSharedSecret_isAllowedWithAKeyId_verifiesButIsNeverPublished() {
    String hocon =
        PROD
            + "auth.token.algorithm = HS256\n"
            + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n"
            + "auth.token.next-key.secret-key = \"Zx81mQ2vL7pR4sT9wK3nB6cF0hJ5dG8aE1uY7iO3pW=\"\n"
            + "auth.token.next-key.key-id = \"2030-01\"\n";

    KeyRing ring = ring(hocon);

    assertThat(ring.upcoming()).extracting(JwtKey::keyId).containsExactly("2030-01");
    assertThat(ring.find("2030-01")).isPresent();
    assertThat(ring.jwks(NOW).keys()).isEmpty();
    assertThatThrownBy(() -> ring(hocon.replace("auth.token.next-key.key-id = \"2030-01\"\n", "")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.token.next-key.key-id")
        .hasMessageContaining("AUTH_TOKEN_NEXT_KEY_KEY_ID")
        .hasMessageNotContaining("Zx81mQ2vL7pR4sT9wK3nB6cF0hJ5dG8aE1uY7iO3pW");
  }

  @Test
  void aNextKeyMayChangeTheAlgorithm_fromASharedSecretToRs256(@TempDir Path dir) throws Exception {
    Path nextFile = write(dir, "next.pem", TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.RS256)));

    KeyRing ring =
        ring(
            PROD
                + "auth.token.algorithm = HS256\n"
                + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n"
                + "auth.token.next-key.algorithm = RS256\n"
                + "auth.token.next-key.private-key-file = "
                + quoted(nextFile)
                + "\n");

    assertThat(ring.active().algorithm()).isEqualTo(JwsAlgorithm.HS256);
    assertThat(ring.jwks(NOW).keys())
        .singleElement()
        .satisfies(k -> assertThat(k.algorithm()).isEqualTo(JwsAlgorithm.RS256));
  }

  @Test
  void nextKeySettingsWithoutAKey_areRefused() {
    assertThatThrownBy(
            () ->
                ring(
                    PROD
                        + "auth.token.algorithm = HS256\n"
                        + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n"
                        + "auth.token.next-key.key-id = \"2030-01\"\n"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.token.next-key.key-id")
        .hasMessageContaining("no next key is");
  }
}
