package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.JwsVerifier;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.MutableClock;
import dev.portcullis.auth.jwt.testing.Resources;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** RFC 7515 Appendix A (A.1 to A.5) and Appendix E, verbatim from the RFC. */
final class Rfc7515Test {

  private static final JsonNode RFC = Resources.json("rfc7515/appendix.json");

  /** exp of the RFC's payload, 2011-03-22T18:43:00Z. */
  private static final Instant EXP = Instant.ofEpochSecond(1300819380);

  static JwtKey key(JsonNode example) {
    Map<String, Object> jwk = new LinkedHashMap<>(Resources.map(example.get("jwk")));
    jwk.put("alg", example.get("alg").asText());
    jwk.put("kid", "rfc7515");
    return JwtKey.fromJwk(dev.portcullis.auth.jwt.internal.Json.writeString(jwk));
  }

  private static Findings verify(String compact, JwtKey key) {
    Findings f = Findings.firstOnly();
    JwsVerifier.verify(compact, 8192, kid -> JwsVerifier.Resolved.of(key), f);
    return f;
  }

  @TestFactory
  Stream<DynamicTest> appendixA_examplesVerify() {
    return Stream.of(0, 1, 2, 3)
        .map(RFC.get("examples")::get)
        .map(
            ex ->
                DynamicTest.dynamicTest(
                    ex.get("name").asText(),
                    () -> {
                      JwtKey key = key(ex);
                      String compact = ex.get("compact").asText();
                      if (key.algorithm().family() == JwsAlgorithm.Family.EC
                          && Ecdsa.highS(compact, key)) {
                        // A.4 (ES512) was signed with a high s: refused as the non-canonical
                        // twin; its low-s twin is the one valid string.
                        Findings high = verify(compact, key);
                        assertThat(high.first().failure()).isEqualTo(TokenFailure.SIGNATURE);
                        assertThat(high.first().explanation()).contains("low-s");
                        compact = Ecdsa.flipS(compact, key);
                      }
                      assertThat(verify(compact, key).none()).isTrue();
                      // One changed payload byte breaks it.
                      String[] p = compact.split("\\.");
                      String altered = p[0] + "." + Tokens.b64("{\"iss\":\"eve\"}") + "." + p[2];
                      assertThat(verify(altered, key).first().failure())
                          .isEqualTo(TokenFailure.SIGNATURE);
                    }));
  }

  @Test
  void appendixA1_asASharedSecretTokenAtAPinnedClock() {
    JsonNode a1 = RFC.get("examples").get(0);
    String secretBytes = a1.get("jwk").get("k").asText();
    JwtKey key =
        JwtKey.hmac(
            TrustedIssuer.DEFAULT_KEY_ID,
            JwsAlgorithm.HS256,
            dev.portcullis.auth.jwt.internal.Base64Url.decode(secretBytes));
    TrustedIssuer joe =
        new TrustedIssuer(
            key, "joe", null, java.util.Set.of("sub", "exp"), java.time.Duration.ofSeconds(60));
    MutableClock clock = new MutableClock(EXP.minusSeconds(60 * 43)); // 18:00:00Z
    JwtVerifier verifier =
        Fixture.verifierBuilder()
            .keys(KeyRing.of(JwtKey.hmac("ours", JwsAlgorithm.HS256, new byte[32])))
            .issuer("ours")
            .trustedIssuer(joe)
            .blacklist(TokenBlacklist.none())
            .clock(clock)
            .build();
    String compact = a1.get("compact").asText();

    TokenReport atPinnedTime = verifier.inspect(compact);
    // Signature, type JWT, issuer joe, and time all pass; the profile's only complaints are that
    // the RFC's example has no issue time and no subject.
    assertThat(atPinnedTime.findings())
        .extracting(TokenReport.Finding::explanation)
        .satisfiesExactly(
            iat -> assertThat(iat).contains("'iat'"), sub -> assertThat(sub).contains("'sub'"));
    assertThat(atPinnedTime.facts()).anyMatch(s -> s.contains("signature verified"));
    assertThat(atPinnedTime.claims()).containsEntry("http://example.com/is_root", true);

    clock.set(EXP.plusSeconds(75));
    TokenReport later = verifier.inspect(compact);
    assertThat(later.findings())
        .extracting(TokenReport.Finding::explanation)
        .anyMatch(s -> s.contains("expired 75 seconds ago"));
  }

  @Test
  void appendixA5_theUnsecuredExampleIsRefused() {
    Findings f =
        verify(RFC.get("unsecured").get("compact").asText(), key(RFC.get("examples").get(0)));

    assertThat(f.first().failure()).isEqualTo(TokenFailure.ALGORITHM);
  }

  @Test
  void appendixE_aCriticalExtensionThisServiceDoesNotUnderstandIsRefused() {
    String header = RFC.get("crit").get("header").asText();
    String payload = RFC.get("payload_b64u").asText();
    JwtKey key = key(RFC.get("examples").get(0));

    // As printed in the RFC (alg none) ...
    assertThat(verify(Tokens.b64(header) + "." + payload + ".", key).first().failure())
        .isEqualTo(TokenFailure.ALGORITHM);
    // ... and validly signed, so that crit is the only defect.
    String signed = header.replace("\"none\"", "\"HS256\"");
    String token = Tokens.signRaw(key, signed, Tokens.decode(payload));
    Findings f = verify(token, key);
    assertThat(f.first().failure()).isEqualTo(TokenFailure.UNSUPPORTED_HEADER);
    assertThat(f.first().explanation()).contains("http://example.invalid/UNDEFINED");
  }
}
