package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.TokenAudienceException;
import dev.portcullis.auth.api.error.TokenBlacklistedException;
import dev.portcullis.auth.api.error.TokenExpiredException;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a token is refused, each with its own code and a plain-words message. */
final class VerificationRefusalsTest {

  private final Fixture f = Fixture.create();
  private final JwtKey key = f.ring.active();
  private final Instant now = f.clock.instant();

  private Result<Principal> verify(Map<String, Object> header, Map<String, Object> claims) {
    return f.service.verify(Tokens.sign(key, header, claims));
  }

  private Map<String, Object> accessHeader() {
    return Tokens.header(key, "at+jwt");
  }

  private Map<String, Object> headerWith(String name, Object value) {
    Map<String, Object> h = new LinkedHashMap<>(accessHeader());
    h.put(name, value);
    return h;
  }

  @Test
  void aWellFormedTokenPasses() {
    assertThat(verify(accessHeader(), Tokens.claims(now)).isOk()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
  void algNoneInAnyLetterCaseIsRefused(String none) {
    String token =
        Tokens.b64("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"" + key.keyId() + "\"}")
            + "."
            + Tokens.b64(Json.writeString(Tokens.claims(now)))
            + ".";

    Result<Principal> r = f.service.verify(token);

    assertThat(code(r)).isEqualTo("token_algorithm");
    assertThat(error(r).message()).contains("unsigned");
  }

  @Test
  void hsTokenSignedWithThePublicKeyOfAnRsKeyIsRefused() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    JwtKey rsa = JwtKey.signing("rsa-1", JwsAlgorithm.RS256, pair);
    Fixture rs = Fixture.create("").withRing(KeyRing.of(rsa));
    // The attacker uses the published public key bytes as an HMAC secret.
    JwtKey forged = JwtKey.hmac("rsa-1", JwsAlgorithm.HS256, pair.getPublic().getEncoded());
    String token = Tokens.sign(forged, Tokens.header(forged, "at+jwt"), Tokens.claims(now));

    Result<Principal> r = rs.service.verify(token);

    assertThat(code(r)).isEqualTo("token_algorithm");
    assertThat(error(r).message()).contains("pinned to RS256").contains("known attack");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jwk", "jku", "x5u", "x5c"})
  void keysOrKeyUrlsInTheHeaderAreRefused(String param) {
    Object value =
        switch (param) {
          case "jwk" -> Map.of("kty", "oct", "k", "AAAA");
          case "x5c" -> List.of("MIIB");
          default -> "https://attacker.example/keys";
        };

    Result<Principal> r = verify(headerWith(param, value), Tokens.claims(now));

    assertThat(code(r)).isEqualTo("token_header");
    assertThat(error(r).message()).contains("'" + param + "'");
  }

  @Test
  void unknownCritIsRefused() {
    Map<String, Object> h = headerWith("crit", List.of("exp-ext"));
    h.put("exp-ext", true);

    Result<Principal> r = verify(h, Tokens.claims(now));

    assertThat(code(r)).isEqualTo("token_header");
    assertThat(error(r).message()).contains("does not understand");
  }

  @Test
  void unknownKidIsRefusedAndNamed() {
    JwtKey other = JwtKey.hmac("other-kid", JwsAlgorithm.HS256, new byte[32]);

    Result<Principal> r =
        f.service.verify(Tokens.sign(other, Tokens.header(other, "at+jwt"), Tokens.claims(now)));

    assertThat(code(r)).isEqualTo("token_unknown_key");
    assertThat(error(r).message()).contains("'other-kid'").contains("does not know");
  }

  @Test
  void expiredBeyondTheLeewayIsRefused_withinTheLeewayAccepted() {
    Map<String, Object> c =
        Tokens.with(Tokens.claims(now), "exp", now.minusSeconds(59).getEpochSecond());
    assertThat(verify(accessHeader(), c).isOk()).isTrue();

    c = Tokens.with(c, "exp", now.minusSeconds(90).getEpochSecond());
    Result<Principal> r = verify(accessHeader(), c);

    assertThat(code(r)).isEqualTo("token_expired");
    assertThat(error(r).message()).contains("expired 90 seconds ago");
  }

  @Test
  void notYetValidBeyondTheLeewayIsRefused() {
    Map<String, Object> c =
        Tokens.with(Tokens.claims(now), "nbf", now.plusSeconds(30).getEpochSecond());
    assertThat(verify(accessHeader(), c).isOk()).isTrue();

    c = Tokens.with(c, "nbf", now.plusSeconds(600).getEpochSecond());
    Result<Principal> r = verify(accessHeader(), c);

    assertThat(code(r)).isEqualTo("token_not_yet_valid");
    assertThat(error(r).message()).contains("clock sync");
  }

  @Test
  void issuedInTheFutureBeyondTheLeewayIsRefusedWithAClockSyncHint() {
    Map<String, Object> c =
        Tokens.with(Tokens.claims(now), "iat", now.plusSeconds(120).getEpochSecond());
    c.remove("nbf");

    Result<Principal> r = verify(accessHeader(), c);

    assertThat(code(r)).isEqualTo("token_issued_in_future");
    assertThat(error(r).message())
        .contains("120 seconds in the future")
        .contains("check clock sync");
  }

  @Test
  void wrongIssuerIsRefused() {
    Result<Principal> r =
        verify(accessHeader(), Tokens.with(Tokens.claims(now), "iss", "someone-else"));

    assertThat(code(r)).isEqualTo("token_issuer");
    assertThat(error(r).message()).contains("'someone-else'").contains(Fixture.ISSUER);
  }

  @Test
  void audienceNotInTheAllowListIsRefused() {
    Result<Principal> r =
        verify(accessHeader(), Tokens.with(Tokens.claims(now), "aud", List.of("billing", "crm")));

    assertThat(code(r)).isEqualTo("token_audience");
    assertThat(error(r).message()).contains("'billing'").contains("expected 'api'");
    assertThat(
            verify(accessHeader(), Tokens.with(Tokens.claims(now), "aud", List.of("crm", "api")))
                .isOk())
        .isTrue();
  }

  @Test
  void missingAudienceIsRefusedWhenAnAllowListIsConfigured() {
    Map<String, Object> c = Tokens.with(Tokens.claims(now), "aud", null);

    assertThat(code(verify(accessHeader(), c))).isEqualTo("token_missing_claim");
  }

  @ParameterizedTest
  @ValueSource(strings = {"iss", "sub", "exp", "iat", "jti", "sid"})
  void missingRequiredClaimsAreRefused(String claim) {
    Result<Principal> r = verify(accessHeader(), Tokens.with(Tokens.claims(now), claim, null));

    assertThat(code(r)).isEqualTo("token_missing_claim");
    assertThat(error(r).message()).contains("'" + claim + "'");
  }

  @Test
  void claimsOfTheWrongTypeAreRefused() {
    assertThat(code(verify(accessHeader(), Tokens.with(Tokens.claims(now), "exp", "tomorrow"))))
        .isEqualTo("token_missing_claim");
    assertThat(code(verify(accessHeader(), Tokens.with(Tokens.claims(now), "sub", 42))))
        .isEqualTo("token_missing_claim");
  }

  @Test
  void integerNumericDatesOutside1970To9999AreRefused_andTheirExactSecondIsRead() {
    Map<String, Object> c = Tokens.claims(now);

    assertThat(error(verify(accessHeader(), Tokens.with(c, "nbf", -1L))).message())
        .contains("'nbf' claim is not a NumericDate between 1970 and 9999");
    assertThat(error(verify(accessHeader(), Tokens.with(c, "exp", 253402300800L))).message())
        .contains("'exp' claim is not a NumericDate between 1970 and 9999");
    assertThat(verify(accessHeader(), Tokens.with(c, "exp", 253402300799L)).isOk()).isTrue();
    assertThat(
            verify(accessHeader(), Tokens.with(c, "iat", now.getEpochSecond())).unwrap().issuedAt())
        .isEqualTo(java.time.Instant.ofEpochSecond(now.getEpochSecond()));
    assertThat(
            verify(accessHeader(), Tokens.with(c, "iat", (int) now.getEpochSecond()))
                .unwrap()
                .issuedAt())
        .isEqualTo(java.time.Instant.ofEpochSecond(now.getEpochSecond()));
  }

  @Test
  void wrongOrMissingTypIsRefused() {
    assertThat(code(verify(Tokens.header(key, "JWT"), Tokens.claims(now)))).isEqualTo("token_type");
    assertThat(code(verify(Tokens.header(key, null), Tokens.claims(now)))).isEqualTo("token_type");
    assertThat(verify(Tokens.header(key, "application/AT+JWT"), Tokens.claims(now)).isOk())
        .isTrue();
  }

  @Test
  void nonStrictBase64UrlIsRefused() {
    String token = Tokens.sign(key, accessHeader(), Tokens.claims(now));
    String[] p = token.split("\\.");

    assertThat(code(f.service.verify(p[0] + "=." + p[1] + "." + p[2])))
        .isEqualTo("token_malformed");
    assertThat(code(f.service.verify(p[0] + "." + p[1] + " ." + p[2])))
        .isEqualTo("token_malformed");
    String standardAlphabet = p[2].replace('-', '+').replace('_', '/');
    if (!standardAlphabet.equals(p[2])) {
      assertThat(code(f.service.verify(p[0] + "." + p[1] + "." + standardAlphabet)))
          .isEqualTo("token_malformed");
    }
  }

  @Test
  void oversizedTokensAreRefusedBeforeParsing() {
    Map<String, Object> c = Tokens.with(Tokens.claims(now), "blob", "x".repeat(9000));

    Result<Principal> r = verify(accessHeader(), c);

    assertThat(code(r)).isEqualTo("token_too_large");
    assertThat(error(r).message()).contains("auth.token.max-size");
  }

  @Test
  void tamperedSignatureIsRefusedAndTheMessageSuggestsDifferentSecrets() {
    Fixture other =
        Fixture.create("auth.token.secret-key = \"another-secret-of-more-than-32-bytes!!\"");
    String theirs = other.login("alice").accessToken();

    Result<Principal> r = f.service.verify(theirs);

    assertThat(code(r)).isEqualTo("token_signature");
    assertThat(error(r).message()).contains("most likely hold different secrets");
  }

  @Test
  void malformedShapesAreRefused() {
    assertThat(code(f.service.verify(null))).isEqualTo("token_malformed");
    assertThat(code(f.service.verify(""))).isEqualTo("token_malformed");
    assertThat(code(f.service.verify("a.b"))).isEqualTo("token_malformed");
    assertThat(error(f.service.verify("a.b.c.d.e")).message()).contains("JWE");
    assertThat(error(f.service.verify("{\"payload\":\"x\"}")).message())
        .contains("JSON serialization");
    String dupHeader = Tokens.b64("{\"alg\":\"HS256\",\"alg\":\"none\"}") + ".e30.AAAA";
    assertThat(error(f.service.verify(dupHeader)).message()).contains("repeats a member name");
  }

  @Test
  void payloadThatIsNotAJsonObjectIsRefused() {
    String token = Tokens.signRaw(key, Json.writeString(accessHeader()), "[1,2,3]");

    assertThat(code(f.service.verify(token))).isEqualTo("token_malformed");
  }

  @Test
  void everyFailureHasItsOwnCode() {
    Instant t = now;
    List<String> codes =
        List.of(
            code(
                verify(
                    accessHeader(),
                    Tokens.with(Tokens.claims(t), "exp", t.minusSeconds(3600).getEpochSecond()))),
            code(
                verify(
                    accessHeader(),
                    Tokens.with(Tokens.claims(t), "nbf", t.plusSeconds(3600).getEpochSecond()))),
            code(verify(accessHeader(), Tokens.with(Tokens.claims(t), "aud", "x"))),
            code(verify(accessHeader(), Tokens.with(Tokens.claims(t), "iss", "x"))),
            code(f.service.verify(Tokens.sign(key, accessHeader(), Tokens.claims(t)) + "x")),
            code(f.service.verify("!.!.!")),
            code(verify(headerWith("alg", "none"), Tokens.claims(t))),
            code(verify(Tokens.header(key, "refresh+jwt"), Tokens.claims(t))));
    assertThat(codes)
        .containsExactly(
            "token_expired",
            "token_not_yet_valid",
            "token_audience",
            "token_issuer",
            "token_signature",
            "token_malformed",
            "token_algorithm",
            "token_type");
  }

  @Test
  void unwrapThrowsTheExceptionsTheSeedsName() {
    Map<String, Object> expired =
        Tokens.with(Tokens.claims(now), "exp", now.minusSeconds(3600).getEpochSecond());
    Map<String, Object> otherAudience = Tokens.with(Tokens.claims(now), "aud", "billing");
    var pair = f.login("alice");
    f.service.revoke(f.service.verify(pair.accessToken()).unwrap());

    assertThatThrownBy(() -> verify(accessHeader(), expired).unwrap())
        .isInstanceOf(TokenExpiredException.class);
    assertThatThrownBy(() -> verify(accessHeader(), otherAudience).unwrap())
        .isInstanceOf(TokenAudienceException.class);
    assertThatThrownBy(() -> f.service.verify(pair.accessToken()).unwrap())
        .isInstanceOf(TokenBlacklistedException.class);
  }

  @Test
  void messagesNeverContainTheToken() {
    String token = Tokens.sign(key, accessHeader(), Tokens.with(Tokens.claims(now), "iss", "x"));
    String msg = error(f.service.verify(token)).message();
    assertThat(msg).doesNotContain(token.split("\\.")[2]).doesNotContain(token.split("\\.")[1]);
  }

  @Test
  void leewayOfZeroIsHonoured() {
    Fixture strictClock = Fixture.create("auth.token.leeway = 0s");
    JwtKey k = strictClock.ring.active();
    Instant t = strictClock.clock.instant();
    Map<String, Object> c = Tokens.with(Tokens.claims(t), "exp", t.getEpochSecond());

    assertThat(code(strictClock.service.verify(Tokens.sign(k, Tokens.header(k, "at+jwt"), c))))
        .isEqualTo("token_expired");
  }
}
