package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.internal.PreparedKey;
import dev.portcullis.auth.jwt.testing.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof primitive vectors for each supported algorithm family, through {@link
 * JwtKey#verifies}, the function every JWS verification ends in: the key's prepared implementation
 * (Bouncy Castle's lightweight API for ECDSA and Ed25519, a prepared {@code Mac} for HMAC, the JCA
 * for RSA) behind our length and range checks; {@link Crypto#verify}, which prepares the key per
 * call, must give the same answer. Two kinds of case cannot occur in a JWS and are judged by JWS
 * rules:
 *
 * <ul>
 *   <li>HMAC with a truncated tag or a key under 256 bits (RFC 7518 section 3.2): always refused;
 *   <li>an empty message: a JWS signing input always contains at least the '.' between header and
 *       payload. Such a case must never be accepted when invalid; a valid one is counted as not
 *       applicable (jjwt's EdDSA verifier answers false for empty input).
 * </ul>
 *
 * <p>{@code primitive_expectations.json} lists the remaining differences with their reasons (none
 * since Bouncy Castle verifies ECDSA: the two valid signatures the JDK's verifier refused, tc115
 * and tc257, are accepted now, as Wycheproof expects); none may accept an invalid signature.
 */
final class WycheproofPrimitivesTest {

  private static final Map<String, String> OVERRIDES = new java.util.HashMap<>();

  static {
    for (JsonNode o : Resources.json("wycheproof/primitive_expectations.json").get("overrides")) {
      OVERRIDES.put(
          o.get("file").asText() + "#" + o.get("tcId").asInt(), o.get("expected").asText());
    }
  }

  private record Outcome(
      int total, int accepted, int refused, int notApplicable, List<String> unexpected) {}

  private static Outcome run(
      String file, JwsAlgorithm alg, Function<JsonNode, JwtKey> keyOf, boolean hmac) {
    JsonNode suite = Resources.json("wycheproof/" + file);
    int total = 0;
    int accepted = 0;
    int refused = 0;
    int notApplicable = 0;
    List<String> unexpected = new ArrayList<>();
    for (JsonNode group : suite.get("testGroups")) {
      JwtKey key;
      try {
        key = keyOf.apply(group);
      } catch (IllegalArgumentException e) {
        key = null;
      }
      boolean applicable =
          !hmac || (group.get("tagSize").asInt() == 256 && group.get("keySize").asInt() >= 256);
      for (JsonNode t : group.get("tests")) {
        total++;
        JwtKey k = hmac ? hmacKey(t) : key;
        byte[] msg = Resources.hex(t.get("msg").asText());
        byte[] sig = Resources.hex(t.get(hmac ? "tag" : "sig").asText());
        boolean ok = k != null && k.verifies(msg, sig);
        if (k != null && Crypto.verify(alg, k.verificationKey(), msg, sig) != ok) {
          unexpected.add(file + " tc" + t.get("tcId").asInt() + ": Crypto.verify disagrees");
        }
        String expected = applicable ? t.get("result").asText() : "invalid";
        String override = OVERRIDES.get(file + "#" + t.get("tcId").asInt());
        if (override != null) {
          expected = override;
        }
        if (t.get("msg").asText().isEmpty() && !expected.equals("invalid")) {
          expected = "acceptable";
          notApplicable++;
        }
        if (ok) {
          accepted++;
        } else {
          refused++;
        }
        if ((expected.equals("valid") && !ok) || (expected.equals("invalid") && ok)) {
          unexpected.add(file + " tc" + t.get("tcId").asInt() + " " + t.get("comment").asText());
        }
      }
    }
    assertThat(total).isEqualTo(suite.get("numberOfTests").asInt());
    return new Outcome(total, accepted, refused, notApplicable, unexpected);
  }

  private static JwtKey hmacKey(JsonNode t) {
    try {
      return JwtKey.hmac("k", JwsAlgorithm.HS256, Resources.hex(t.get("key").asText()));
    } catch (IllegalArgumentException e) {
      return null; // shorter than 256 bits
    }
  }

  private static JwtKey fromJwk(JsonNode group, String field, JwsAlgorithm alg) {
    if (!group.has(field)) {
      // Some groups carry only the DER form (keys a JWK cannot express as the test needs).
      try {
        java.security.PublicKey pub =
            java.security.KeyFactory.getInstance(
                    alg.family() == JwsAlgorithm.Family.EC
                        ? "EC"
                        : alg == JwsAlgorithm.EDDSA ? "Ed25519" : "RSA")
                .generatePublic(
                    new java.security.spec.X509EncodedKeySpec(
                        Resources.hex(group.get("publicKeyDer").asText())));
        return JwtKey.verifyOnly("wycheproof", alg, pub);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalArgumentException(e.getMessage());
      }
    }
    Map<String, Object> jwk = new java.util.LinkedHashMap<>(Resources.map(group.get(field)));
    jwk.put("alg", alg.jwaName());
    jwk.put("kid", "wycheproof");
    return JwtKey.fromJwk(dev.portcullis.auth.jwt.internal.Json.writeString(jwk));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "ecdsa_secp256r1_sha256_p1363_test.json, ES256, publicKeyJwk",
    "ed25519_test.json, EDDSA, publicKeyJwk"
  })
  void ellipticCurveCasesRunThroughBouncyCastle(String file, JwsAlgorithm alg, String keyField) {
    for (JsonNode group : Resources.json("wycheproof/" + file).get("testGroups")) {
      JwtKey key = fromJwk(group, keyField, alg);
      assertThat(PreparedKey.of(alg, key.verificationKey(), null).verifyPath())
          .isEqualTo(PreparedKey.Path.BOUNCY_CASTLE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "hmac_sha256_test.json, HS256, key",
    "ecdsa_secp256r1_sha256_p1363_test.json, ES256, publicKeyJwk",
    "ed25519_test.json, EDDSA, publicKeyJwk",
    "rsa_signature_2048_sha256_test.json, RS256, keyJwk",
    "rsa_pss_2048_sha256_mgf1_32_test.json, PS256, publicKeyJwk"
  })
  void everyCaseGivesTheExpectedResult(String file, JwsAlgorithm alg, String keyField) {
    boolean hmac = alg.symmetric();
    Outcome o = run(file, alg, g -> hmac ? null : fromJwk(g, keyField, alg), hmac);

    assertThat(o.unexpected()).isEmpty();
    System.out.printf(
        "Wycheproof %s: %d cases, %d accepted, %d refused (%d valid empty-message cases not"
            + " applicable to JWS), 0 unexpected%n",
        file, o.total(), o.accepted(), o.refused(), o.notApplicable());
  }
}
