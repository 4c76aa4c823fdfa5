package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.internal.JwsVerifier;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.Resources;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** RFC 7520 (JOSE cookbook) JWS examples, and RFC 8037's Ed25519 example. */
final class JoseCookbookTest {

  private static final String[] CASES = {
    "jose-cookbook/jws/4_1.rsa_v15_signature.json",
    "jose-cookbook/jws/4_2.rsa-pss_signature.json",
    "jose-cookbook/jws/4_3.ecdsa_signature.json",
    "jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json",
    "jose-cookbook/curve25519/jws.json"
  };

  /** The example's key, pinned to the example's algorithm. */
  static JwtKey key(JsonNode example) {
    Map<String, Object> jwk = new LinkedHashMap<>(Resources.map(example.get("input").get("key")));
    jwk.put("alg", example.get("input").get("alg").asText());
    jwk.putIfAbsent("kid", "cookbook");
    return JwtKey.fromJwk(Json.writeString(jwk));
  }

  private static Findings verify(String compact, JwtKey key) {
    Findings f = Findings.firstOnly();
    JwsVerifier.verify(
        compact,
        8192,
        kid ->
            kid == null || kid.equals(key.keyId())
                ? JwsVerifier.Resolved.of(key)
                : JwsVerifier.Resolved.failed(TokenFailure.UNKNOWN_KEY, "unknown"),
        f);
    return f;
  }

  @TestFactory
  Stream<DynamicTest> compactExamplesVerify() {
    return Stream.of(CASES)
        .map(
            path ->
                DynamicTest.dynamicTest(
                    path,
                    () -> {
                      JsonNode ex = Resources.json(path);
                      JwtKey key = key(ex);
                      String compact = ex.get("output").get("compact").asText();
                      if (key.algorithm().family() == JwsAlgorithm.Family.EC
                          && Ecdsa.highS(compact, key)) {
                        // 4.3 (ES512) was signed with a high s: refused as the non-canonical
                        // twin; its low-s twin is the one valid string.
                        assertThat(verify(compact, key).first().explanation()).contains("low-s");
                        compact = Ecdsa.flipS(compact, key);
                      }
                      assertThat(verify(compact, key).none()).as(path).isTrue();
                      assertThat(compact.split("\\.")[1])
                          .isEqualTo(
                              dev.portcullis.auth.jwt.internal.Base64Url.encode(
                                  ex.get("input")
                                      .get("payload")
                                      .asText()
                                      .getBytes(StandardCharsets.UTF_8)));
                    }));
  }

  @TestFactory
  Stream<DynamicTest> deterministicExamplesAreReproducedByOurSigner() {
    return Stream.of(CASES)
        .map(Resources::json)
        .filter(ex -> ex.path("reproducible").asBoolean(false))
        .map(
            ex ->
                DynamicTest.dynamicTest(
                    ex.get("title").asText(),
                    () -> {
                      JwtKey key = key(ex);
                      String input = ex.get("signing").get("sig-input").asText();
                      byte[] sig =
                          Crypto.sign(
                              key.algorithm(),
                              key.signingKey().orElseThrow(),
                              input.getBytes(StandardCharsets.US_ASCII));
                      assertThat(dev.portcullis.auth.jwt.internal.Base64Url.encode(sig))
                          .isEqualTo(ex.get("signing").get("sig").asText());
                    }));
  }

  @Test
  void rfc8037_ed25519PublicKeyAloneVerifies() {
    JsonNode ex = Resources.json("jose-cookbook/curve25519/jws.json");
    JwtKey full = key(ex);
    JwtKey publicOnly =
        JwtKey.verifyOnly(
            "ed", JwsAlgorithm.EDDSA, (java.security.PublicKey) full.verificationKey());

    assertThat(verify(ex.get("output").get("compact").asText(), publicOnly).none()).isTrue();
    assertThat(Jwks.of(java.util.List.of(publicOnly)).json())
        .contains("\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"")
        .contains("\"crv\":\"Ed25519\"")
        .doesNotContain("\"d\"");
  }

  @Test
  void cookbookJwks_parseAndPinTheirAlgorithm() {
    JwtKey ec =
        JwtKey.fromJwk(Resources.json("jose-cookbook/jwk/3_1.ec_public_key.json").toString());
    JwtKey ecPrivate =
        JwtKey.fromJwk(Resources.json("jose-cookbook/jwk/3_2.ec_private_key.json").toString());
    JwtKey rsa =
        JwtKey.fromJwk(Resources.json("jose-cookbook/jwk/3_3.rsa_public_key.json").toString());
    JwtKey oct =
        JwtKey.fromJwk(
            Resources.json("jose-cookbook/jwk/3_5.symmetric_key_mac_computation.json").toString());

    assertThat(ec.algorithm()).isEqualTo(JwsAlgorithm.ES512);
    assertThat(ec.canSign()).isFalse();
    assertThat(ecPrivate.canSign()).isTrue();
    assertThat(rsa.algorithm()).isEqualTo(JwsAlgorithm.RS256);
    assertThat(oct.algorithm()).isEqualTo(JwsAlgorithm.HS256);
    assertThat(ec.keyId()).isEqualTo("bilbo.baggins@hobbiton.example");
  }
}
