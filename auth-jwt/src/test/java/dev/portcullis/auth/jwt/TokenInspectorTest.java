package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.jwt.internal.Findings;
import dev.portcullis.auth.jwt.internal.TokenExaminer;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TokenInspectorTest {

  private final Fixture f = Fixture.create();
  private final JwtKey key = f.ring.active();
  private final Instant now = f.clock.instant();

  private TokenReport inspect(String token) {
    return f.inspector.inspect(token);
  }

  private static List<String> explanations(TokenReport r) {
    return r.findings().stream().map(TokenReport.Finding::explanation).toList();
  }

  @Test
  void aValidTokenPasses_withPlainFacts() {
    TokenPair pair = f.login("alice");

    TokenReport r = inspect(pair.accessToken());

    assertThat(r.valid()).isTrue();
    assertThat(r.kind()).isEqualTo("access");
    assertThat(r.findings()).isEmpty();
    assertThat(r.header()).containsEntry("typ", "at+jwt");
    assertThat(r.claims()).containsEntry("sub", "alice");
    assertThat(r.facts())
        .anyMatch(s -> s.contains("key 'default' (HS256), signature verified"))
        .anyMatch(s -> s.contains("in 900 seconds"));
    assertThat(r.explain()).startsWith("PASSES (access token)");
  }

  @Test
  void expired_saysHowLongAgo() {
    TokenPair pair = f.login("alice");
    f.clock.advance(Duration.ofMinutes(15).plusSeconds(100));

    assertThat(explanations(inspect(pair.accessToken())))
        .containsExactly(
            "The token expired 100 seconds ago (exp "
                + pair.accessTokenExpiresAt()
                + ", leeway 60 s).");
  }

  @Test
  void issuedInTheFuture_saysToCheckClockSync() {
    var c = Tokens.with(Tokens.claims(now), "iat", now.plusSeconds(400).getEpochSecond());
    c.remove("nbf");

    assertThat(explanations(inspect(Tokens.sign(key, Tokens.header(key, "at+jwt"), c))))
        .singleElement()
        .asString()
        .contains("issued 400 seconds in the future")
        .contains("check clock sync");
  }

  @Test
  void audience_saysWhatItIsAndWhatIsExpected() {
    var c = Tokens.with(Tokens.claims(now), "aud", "billing");

    assertThat(explanations(inspect(Tokens.sign(key, Tokens.header(key, "at+jwt"), c))))
        .singleElement()
        .asString()
        .contains("audience is ['billing'], expected 'api'");
  }

  @Test
  void unknownKid_saysThisServiceDoesNotKnowIt() {
    JwtKey stranger = JwtKey.hmac("k-2024", JwsAlgorithm.HS256, new byte[32]);

    TokenReport r =
        inspect(Tokens.sign(stranger, Tokens.header(stranger, "at+jwt"), Tokens.claims(now)));

    assertThat(r.findings())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.failure()).isEqualTo(TokenFailure.UNKNOWN_KEY);
              assertThat(x.explanation())
                  .contains("kid 'k-2024', which this service does not know");
            });
    assertThat(r.claims()).containsEntry("sub", "alice"); // decoded anyway, never trusted
  }

  @Test
  void signatureMismatch_saysTheServicesMostLikelyHoldDifferentSecrets() {
    Fixture other =
        Fixture.create("auth.token.secret-key = \"the-other-services-secret-0123456789\"");

    TokenReport r = inspect(other.login("alice").accessToken());

    assertThat(explanations(r))
        .singleElement()
        .asString()
        .contains("signature does not match")
        .contains("most likely hold different secrets");
    assertThat(r.explain())
        .contains("token_signature")
        .contains("Fix: The issuer and this service");
  }

  @Test
  void revoked_saysWhen() {
    TokenPair pair = f.login("alice");
    f.clock.advance(Duration.ofSeconds(30));
    Instant logout = f.clock.instant();
    f.service.revoke(f.service.verify(pair.accessToken()).unwrap());

    assertThat(explanations(inspect(pair.accessToken())))
        .singleElement()
        .asString()
        .contains("revoked at " + logout);
  }

  @Test
  void everyProblemIsListed_notOnlyTheFirst() {
    Fixture other =
        Fixture.create("auth.token.secret-key = \"the-other-services-secret-0123456789\"");
    JwtKey theirs = other.ring.active();
    var c = Tokens.with(Tokens.claims(now), "aud", "billing");
    c = Tokens.with(c, "exp", now.minusSeconds(600).getEpochSecond());

    TokenReport r = inspect(Tokens.sign(theirs, Tokens.header(theirs, "at+jwt"), c));

    assertThat(r.findings())
        .extracting(TokenReport.Finding::failure)
        .containsExactly(TokenFailure.SIGNATURE, TokenFailure.AUDIENCE, TokenFailure.EXPIRED);
    assertThat(r.firstFinding().orElseThrow().code()).isEqualTo("token_signature");
    assertThat(code(f.service.verify(Tokens.sign(theirs, Tokens.header(theirs, "at+jwt"), c))))
        .isEqualTo("token_signature");
  }

  @Test
  void aRefreshTokenIsRecognisedAsOne() {
    TokenReport r = inspect(f.login("alice").refreshToken());

    assertThat(r.valid()).isTrue();
    assertThat(r.kind()).isEqualTo("refresh");
  }

  @Test
  void factsAreWrittenForTheInspectorOnly_notOnTheVerifyPath() {
    TokenPair pair = f.login("alice");
    KeyRing ring = f.ring;
    TokenExaminer examiner =
        new TokenExaminer(
            ring,
            ring.refreshKeys(),
            null,
            new TokenExaminer.Policy(Fixture.ISSUER, List.of("api"), Duration.ofSeconds(60), 8192),
            f.stores.blacklist,
            f.clock);

    TokenExaminer.Examination verified =
        examiner.examine(pair.accessToken(), TokenExaminer.Use.ACCESS, Findings.firstOnly());
    TokenExaminer.Examination inspected =
        examiner.examine(pair.accessToken(), null, Findings.all());

    assertThat(verified.valid()).isTrue();
    assertThat(verified.facts()).isEmpty();
    assertThat(inspected.valid()).isTrue();
    assertThat(inspected.facts()).hasSize(4);
  }

  @Test
  void garbageIsExplainedWithoutThrowing() {
    TokenReport r = inspect("not a token");

    assertThat(r.valid()).isFalse();
    assertThat(r.header()).isEmpty();
    assertThat(r.findings())
        .extracting(TokenReport.Finding::code)
        .containsExactly("token_malformed");
  }

  private static String code(dev.portcullis.auth.api.Result<?> r) {
    return Fixture.code(r);
  }
}
