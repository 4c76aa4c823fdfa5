package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.internal.KeyLoader;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import io.jsonwebtoken.security.Jwks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class KeyRingTest {

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void everyAlgorithmIssuesAndVerifiesAndEveryTokenCarriesItsKid(JwsAlgorithm alg) {
    JwtKey key = TestKeys.key("k-" + alg.jwaName(), alg);
    Fixture f = Fixture.create().withRing(KeyRing.of(key));

    TokenPair pair = f.login("alice", "user");

    Map<String, Object> header =
        Json.parseObject(Tokens.decode(pair.accessToken().split("\\.")[0]));
    assertThat(header).containsEntry("alg", alg.jwaName()).containsEntry("kid", key.keyId());
    assertThat(f.service.verify(pair.accessToken()).unwrap().subject()).isEqualTo("alice");
    assertThat(f.service.refresh(pair.refreshToken()).isOk()).isTrue();
  }

  @Test
  void rotation_oldTokensVerifyUntilTheRetireDateThenAreRefused() {
    Fixture first =
        Fixture.create("auth.token.access-token-ttl = 2h")
            .withRing(KeyRing.of(TestKeys.key("k1", JwsAlgorithm.ES256)));
    TokenPair old = first.login("alice");
    Instant retire = first.clock.instant().plus(Duration.ofHours(1));
    KeyRing rotated = first.ring.rotate(TestKeys.key("k2", JwsAlgorithm.EDDSA), retire);
    Fixture second = Fixture.create("auth.token.access-token-ttl = 2h").withRing(rotated);
    second.clock.set(first.clock.instant());

    TokenPair fresh = second.login("bob");
    assertThat(fresh.accessToken().split("\\.")[0]).isNotEqualTo(old.accessToken().split("\\.")[0]);
    assertThat(second.service.verify(old.accessToken()).isOk()).isTrue();
    assertThat(rotated.active().keyId()).isEqualTo("k2");
    assertThat(rotated.find("k1").orElseThrow().canSign()).isFalse();

    second.clock.set(retire.plusSeconds(1));
    var r = second.service.verify(old.accessToken());
    assertThat(code(r)).isEqualTo("token_unknown_key");
    assertThat(error(r).message()).contains("'k1'").contains("retired at " + retire);
    assertThat(second.service.verify(fresh.accessToken()).isOk()).isTrue();
  }

  @Test
  void jwks_publishesPublicKeysThatStillVerify_neverSecretsOrPrivateParts() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    JwtKey active = TestKeys.key("rsa", JwsAlgorithm.RS256);
    JwtKey passive = TestKeys.key("ec", JwsAlgorithm.ES256).retiringAt(now.plusSeconds(60));
    JwtKey retired = TestKeys.key("ed", JwsAlgorithm.EDDSA).retiringAt(now.minusSeconds(1));
    JwtKey secret = TestKeys.key("hs", JwsAlgorithm.HS256).retiringAt(now.plusSeconds(60));
    KeyRing ring = KeyRing.of(active, passive, retired, secret);

    String json = ring.jwks(now).json();

    assertThat(ring.jwks(now).keys()).extracting(JwtKey::keyId).containsExactly("rsa", "ec");
    assertThat(json)
        .contains("\"kid\":\"rsa\"", "\"alg\":\"RS256\"", "\"use\":\"sig\"", "\"kid\":\"ec\"")
        .doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"k\"", "\"kid\":\"hs\"", "\"kid\":\"ed\"");
    assertThat(Jwks.setParser().build().parse(json).getKeys()).hasSize(2);
  }

  @Test
  void jwks_everyKeyOfEveryAsymmetricAlgorithmHasKtyUseSigAlgAndKid_rsaAtLeast2048Bits() {
    List<JwtKey> keys =
        java.util.Arrays.stream(JwsAlgorithm.values())
            .filter(a -> !a.symmetric())
            .map(a -> TestKeys.key("k-" + a.jwaName(), a))
            .toList();
    KeyRing ring =
        KeyRing.of(
            keys.get(0),
            keys.subList(1, keys.size()),
            List.of(TestKeys.key("up", JwsAlgorithm.ES256)));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> published =
        (List<Map<String, Object>>) Json.parseObject(ring.jwks(Instant.now()).json()).get("keys");

    assertThat(published).hasSize(keys.size() + 1);
    for (Map<String, Object> jwk : published) {
      assertThat(jwk).containsKeys("kty", "use", "alg", "kid").containsEntry("use", "sig");
      JwtKey key = ring.find((String) jwk.get("kid")).orElseThrow();
      assertThat(jwk.get("alg")).isEqualTo(key.algorithm().jwaName());
      if ("RSA".equals(jwk.get("kty"))) {
        byte[] n = java.util.Base64.getUrlDecoder().decode((String) jwk.get("n"));
        assertThat(new java.math.BigInteger(1, n).bitLength())
            .isGreaterThanOrEqualTo(JwsAlgorithm.MIN_RSA_BITS);
      }
    }
    assertThat(published)
        .extracting(j -> j.get("alg"))
        .contains(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
            "EdDSA");
  }

  @Test
  void anRsaKeyFileUnder2048Bits_isRefusedAtLoadNamingTheSetting(@TempDir Path dir)
      throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    Path file = dir.resolve("weak.pem");
    Files.writeString(file, TestKeys.privatePem(g.generateKeyPair()));
    JwtSettings s =
        Fixture.settings(
            "auth.token.algorithm = RS256\nauth.token.private-key-file = \""
                + file.toString().replace("\\", "\\\\")
                + "\"\n");

    assertThatThrownBy(() -> Fixture.ring(s))
        .isInstanceOf(dev.portcullis.auth.api.error.ConfigurationException.class)
        .hasMessageContaining("auth.token.private-key-file")
        .hasMessageContaining("AUTH_TOKEN_PRIVATE_KEY_FILE")
        .hasMessageContaining("at least 2048 bits; this one has 1024");
  }

  @Test
  void aRingNeedsASigningActiveKeyAndDistinctIds() {
    JwtKey pub =
        JwtKey.verifyOnly("p", JwsAlgorithm.ES256, TestKeys.pair(JwsAlgorithm.ES256).getPublic());
    assertThatThrownBy(() -> KeyRing.of(pub)).hasMessageContaining("cannot sign");
    JwtKey a = TestKeys.key("same", JwsAlgorithm.HS256);
    assertThatThrownBy(() -> KeyRing.of(a, a.retiringAt(Instant.EPOCH)))
        .hasMessageContaining("share the id");
  }

  @Test
  void keysAreCheckedAgainstTheirAlgorithm() {
    assertThatThrownBy(() -> JwtKey.hmac("k", JwsAlgorithm.HS256, new byte[31]))
        .hasMessageContaining("at least 32 bytes");
    assertThatThrownBy(() -> JwtKey.hmac("k", JwsAlgorithm.HS512, new byte[48]))
        .hasMessageContaining("at least 64 bytes");
    assertThatThrownBy(
            () -> JwtKey.signing("k", JwsAlgorithm.ES384, TestKeys.pair(JwsAlgorithm.ES256)))
        .hasMessageContaining("P-384");
    assertThatThrownBy(
            () -> JwtKey.signing("k", JwsAlgorithm.RS256, TestKeys.pair(JwsAlgorithm.ES256)))
        .hasMessageContaining("RSA");
    KeyPair mixed =
        new KeyPair(
            TestKeys.pair(JwsAlgorithm.ES256, "other").getPublic(),
            TestKeys.pair(JwsAlgorithm.ES256).getPrivate());
    assertThatThrownBy(() -> JwtKey.signing("k", JwsAlgorithm.ES256, mixed))
        .hasMessageContaining("do not belong together");
    assertThat(TestKeys.key("k", JwsAlgorithm.HS256).toString()).doesNotContain("[B@");
  }

  @Test
  void jwks_withEncryptionKeysOrSecrets_skipsThemWithAReason() {
    Map<String, Object> ec = TestKeys.key("ec", JwsAlgorithm.ES256).publicJwk();
    Map<String, Object> enc = new java.util.LinkedHashMap<>(ec);
    enc.put("kid", "enc");
    enc.put("use", "enc");
    String doc =
        Json.writeString(
            Map.of(
                "keys",
                List.of(
                    ec, enc, Map.of("kty", "oct", "kid", "s", "alg", "HS256", "k", "AAAA"), ec)));

    dev.portcullis.auth.jwt.Jwks parsed = dev.portcullis.auth.jwt.Jwks.parse(doc);

    assertThat(parsed.keys()).extracting(JwtKey::keyId).containsExactly("ec");
    assertThat(parsed.skipped())
        .hasSize(3)
        .anyMatch(s -> s.contains("'use': enc"))
        .anyMatch(s -> s.contains("never be published"))
        .anyMatch(s -> s.contains("repeats"));
  }

  @Test
  void settings_loadAPkcs8PemPrivateKeyAndAPreviousPublicKey(@TempDir Path dir) throws Exception {
    KeyPair current = TestKeys.pair(JwsAlgorithm.EDDSA);
    KeyPair previous = TestKeys.pair(JwsAlgorithm.EDDSA, "previous");
    Path key = Files.writeString(dir.resolve("key.pem"), TestKeys.privatePem(current));
    Path old = Files.writeString(dir.resolve("old.pem"), TestKeys.publicPem(previous));

    JwtSettings s =
        Fixture.settings(
            "auth.token.algorithm = EdDSA\n"
                + "auth.token.private-key-file = \""
                + key
                + "\"\n"
                + "auth.token.previous-key.key-id = old\n"
                + "auth.token.previous-key.public-key-file = \""
                + old
                + "\"\n"
                + "auth.token.previous-key.retire-at = \"2030-01-08T00:00:00Z\"\n");

    JwtKey active = Fixture.ring(s).active();
    assertThat(active.algorithm()).isEqualTo(JwsAlgorithm.EDDSA);
    assertThat(active.keyId()).isEqualTo(JwtKey.thumbprint(current.getPublic()));
    assertThat(active.verificationKey()).isEqualTo(current.getPublic());
    JwtKey passive = Fixture.ring(s).find("old").orElseThrow();
    assertThat(passive.canSign()).isFalse();
    assertThat(passive.retireAt()).contains(Instant.parse("2030-01-08T00:00:00Z"));
    assertThat(passive.refreshKey()).isEmpty();
    assertThat(KeyLoader.warnings(s.signingKeys(), Fixture.ring(s)))
        .anyMatch(w -> w.contains("only the public key of 'old'") && w.contains("private key"));
  }

  @Test
  void settings_aPreviousPrivateKeyFileKeepsItsRefreshTokensWorking_butNeverSigns(@TempDir Path dir)
      throws Exception {
    KeyPair current = TestKeys.pair(JwsAlgorithm.EDDSA);
    KeyPair previous = TestKeys.pair(JwsAlgorithm.EDDSA, "previous");
    Path key = Files.writeString(dir.resolve("key.pem"), TestKeys.privatePem(current));
    Path old = Files.writeString(dir.resolve("old.pem"), TestKeys.privatePem(previous));
    JwtKey before = JwtKey.signing("old", JwsAlgorithm.EDDSA, previous);

    JwtSettings s =
        Fixture.settings(
            "auth.token.algorithm = EdDSA\n"
                + "auth.token.private-key-file = \""
                + key
                + "\"\n"
                + "auth.token.previous-key.key-id = old\n"
                + "auth.token.previous-key.public-key-file = \""
                + old
                + "\"\n"
                + "auth.token.previous-key.retire-at = \"2030-01-08T00:00:00Z\"\n");

    JwtKey passive = Fixture.ring(s).find("old").orElseThrow();
    assertThat(passive.canSign()).isFalse();
    assertThat(Fixture.ring(s).refreshKeys().find("old~r").orElseThrow().verificationKey())
        .isEqualTo(before.refreshKey().orElseThrow().verificationKey());
    assertThat(KeyLoader.warnings(s.signingKeys(), Fixture.ring(s)))
        .noneMatch(w -> w.contains("only the public key"));
  }

  @Test
  void settings_loadAPrivateJwkFile(@TempDir Path dir) throws Exception {
    KeyPair pair = TestKeys.pair(JwsAlgorithm.ES384);
    String jwk = Jwks.UNSAFE_JSON(Jwks.builder().key(pair.getPrivate()).id("jwk-key").build());
    Path file = Files.writeString(dir.resolve("key.jwk"), jwk);

    JwtSettings s =
        Fixture.settings(
            "auth.token.algorithm = ES384\nauth.token.private-key-file = \"" + file + "\"\n");

    assertThat(Fixture.ring(s).active().keyId()).isEqualTo("jwk-key");
    assertThat(Fixture.ring(s).active().canSign()).isTrue();
    Fixture f = Fixture.create().withRing(Fixture.ring(s));
    assertThat(f.service.verify(f.login("alice").accessToken()).isOk()).isTrue();
  }
}
