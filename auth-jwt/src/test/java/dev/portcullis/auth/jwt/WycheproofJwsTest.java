package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.JwsVerifier;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof {@code json_web_signature_test.json}: all 401 cases. Each group's JWK becomes a {@link
 * JwtKey} exactly as a JWKS entry would (a key meant for encryption is refused, so its tokens are
 * too); each JWS goes through {@link JwsVerifier}, the layer {@code TokenService} uses. Errata are
 * overridden by {@code json_web_signature_expectations.json}, whose stated reasons are checked
 * first: the four known ones (tc367, tc370, tc372, tc373), and tc346 and tc350, whose group JWK
 * pins PS256 while the token is PS384 (Wycheproof requires that refusal itself in tc338 and tc340).
 */
final class WycheproofJwsTest {

  private static final JsonNode SUITE = Resources.json("wycheproof/json_web_signature_test.json");
  private static final JsonNode ERRATA =
      Resources.json("wycheproof/json_web_signature_expectations.json");

  private static boolean accepts(JwtKey key, String jws) {
    return accepts(key, jws, false);
  }

  /** With {@code highS}, as for a remote issuer configured with accept-high-s. */
  private static boolean accepts(JwtKey key, String jws, boolean highS) {
    if (key == null) {
      return false;
    }
    Findings f = Findings.firstOnly();
    JwsVerifier.verify(
        jws,
        16_384,
        kid ->
            key.keyId().equals(kid)
                ? (highS ? JwsVerifier.Resolved.acceptingHighS(key) : JwsVerifier.Resolved.of(key))
                : JwsVerifier.Resolved.failed(TokenFailure.UNKNOWN_KEY, "unknown kid"),
        f);
    return f.none();
  }

  private static Map<Integer, JsonNode> casesById() {
    Map<Integer, JsonNode> byId = new HashMap<>();
    for (JsonNode g : SUITE.get("testGroups")) {
      for (JsonNode t : g.get("tests")) {
        byId.put(t.get("tcId").asInt(), t);
      }
    }
    return byId;
  }

  private static Map<Integer, JsonNode> groupsById() {
    Map<Integer, JsonNode> byId = new HashMap<>();
    for (JsonNode g : SUITE.get("testGroups")) {
      for (JsonNode t : g.get("tests")) {
        byId.put(t.get("tcId").asInt(), g);
      }
    }
    return byId;
  }

  private static String tokenAlg(JsonNode t) {
    String header = t.get("jws").asText().split("\\.")[0];
    return dev.portcullis.auth.jwt.internal.Json.parseObject(
            dev.portcullis.auth.jwt.internal.Base64Url.decode(header))
        .get("alg")
        .toString();
  }

  @Test
  void errataAreWhatTheExpectationsFileSays() {
    Map<Integer, JsonNode> byId = casesById();
    for (JsonNode o : ERRATA.get("overrides")) {
      JsonNode t = byId.get(o.get("tcId").asInt());
      assertThat(t.get("result").asText()).isEqualTo(o.get("wycheproof").asText());
      if (o.has("identicalTo")) {
        assertThat(t.get("jws").asText())
            .isEqualTo(byId.get(o.get("identicalTo").asInt()).get("jws").asText());
      }
      if (o.has("contains")) {
        assertThat(t.get("jws").asText()).contains(o.get("contains").asText());
      }
      if (o.has("keyAlg")) {
        JsonNode g = groupsById().get(o.get("tcId").asInt());
        assertThat(g.get("public").get("alg").asText()).isEqualTo(o.get("keyAlg").asText());
        assertThat(tokenAlg(t)).isEqualTo(o.get("tokenAlg").asText());
        for (JsonNode same : o.get("sameRuleAs")) {
          JsonNode rule = byId.get(same.asInt());
          JsonNode ruleGroup = groupsById().get(same.asInt());
          assertThat(rule.get("result").asText()).isEqualTo("invalid");
          assertThat(tokenAlg(rule)).isNotEqualTo(ruleGroup.get("public").get("alg").asText());
        }
      }
    }
    assertThat(ERRATA.get("overrides")).hasSize(6);
  }

  @Test
  void all401CasesGiveTheExpectedResult() {
    Map<Integer, String> overrides = new HashMap<>();
    for (JsonNode o : ERRATA.get("overrides")) {
      overrides.put(o.get("tcId").asInt(), o.get("expected").asText());
    }
    int total = 0;
    int validAccepted = 0;
    int invalidRejected = 0;
    int overridden = 0;
    int highSRefused = 0;
    List<String> unexpected = new ArrayList<>();
    for (JsonNode group : SUITE.get("testGroups")) {
      JsonNode jwk = group.has("public") ? group.get("public") : group.get("private");
      JwtKey key;
      try {
        key = JwtKey.fromJwk(jwk.toString());
      } catch (IllegalArgumentException e) {
        key = null; // an encryption key: nothing verifies with it
      }
      for (JsonNode t : group.get("tests")) {
        total++;
        int id = t.get("tcId").asInt();
        String jws = t.get("jws").isTextual() ? t.get("jws").asText() : t.get("jws").toString();
        String expected = overrides.getOrDefault(id, t.get("result").asText());
        if (overrides.containsKey(id)) {
          overridden++;
        }
        boolean accepted = accepts(key, jws);
        switch (expected) {
          case "valid" -> {
            if (accepted) {
              validAccepted++;
            } else if (key.algorithm().family() == JwsAlgorithm.Family.EC
                && Ecdsa.highS(jws, key)
                && accepts(key, jws, true)
                && accepts(key, Ecdsa.flipS(jws, key))) {
              highSRefused++; // the non-canonical twin of a valid signature (issue 11, item 17)
            } else {
              unexpected.add("tc" + id + " " + t.get("comment").asText() + ": valid but refused");
            }
          }
          case "invalid" -> {
            if (!accepted) {
              invalidRejected++;
            } else {
              unexpected.add(
                  "tc" + id + " " + t.get("comment").asText() + ": invalid but accepted");
            }
          }
          default -> {} // acceptable: either answer
        }
      }
    }
    assertThat(unexpected).isEmpty();
    assertThat(total).isEqualTo(401).isEqualTo(SUITE.get("numberOfTests").asInt());
    assertThat(overridden).isEqualTo(6);
    assertThat(highSRefused).as("valid high-s ECDSA cases tc18, tc347, tc351").isEqualTo(3);
    assertThat(validAccepted + invalidRejected + highSRefused).isEqualTo(401);
    System.out.printf(
        "Wycheproof JWS: %d cases, %d valid accepted, %d valid but high-s refused, %d invalid"
            + " refused, %d overridden by the errata file, 0 unexpected%n",
        total, validAccepted, highSRefused, invalidRejected, overridden);
  }
}
