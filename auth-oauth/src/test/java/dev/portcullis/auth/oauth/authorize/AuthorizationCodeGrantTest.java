package dev.portcullis.auth.oauth.authorize;

import static dev.portcullis.auth.oauth.authorize.Fixture.VERIFIER;
import static dev.portcullis.auth.oauth.authorize.Fixture.WEB_REDIRECT;
import static dev.portcullis.auth.oauth.authorize.Fixture.params;
import static dev.portcullis.auth.oauth.authorize.Fixture.webRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.token.TokenResponse;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.Concurrently;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The authorization_code grant at the token endpoint. */
final class AuthorizationCodeGrantTest {

  private final Fixture fx = new Fixture();

  @Test
  void aCodeWithTheRightVerifier_givesTokensOfTheGrantedScope() {
    TokenResponse tokens = fx.redeemWeb(fx.webCode()).unwrap();

    assertThat(tokens.scope()).isEqualTo("openid read");
    assertThat(tokens.refreshToken()).isNotNull();
    assertThat(tokens.expiresIn()).isPositive();
    OAuthTokens.ActiveToken at =
        fx.get(OAuthTokens.class).introspect(tokens.accessToken()).unwrap().orElseThrow();
    assertThat(at.clientId()).isEqualTo("web");
    assertThat(at.subject()).isEqualTo(fx.userId);
    assertThat(at.claims()).containsEntry("amr", List.of("pwd"));
  }

  @Test
  void openid_addsAnRs256IdToken_withEveryClaim_verifiableWithTheJwks() throws Exception {
    Instant authTime = fx.clock.instant();
    TokenResponse tokens = fx.redeemWeb(fx.webCode()).unwrap();

    SignedJWT jwt = SignedJWT.parse(tokens.idToken());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    RSAKey key =
        (RSAKey) JWKSet.parse(fx.get(Jwks.class).json()).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    JWTClaimsSet c = jwt.getJWTClaimsSet();
    assertThat(c.getIssuer()).isEqualTo(Fixture.ISSUER);
    assertThat(c.getSubject()).isEqualTo(fx.userId);
    assertThat(c.getAudience()).containsExactly("web");
    assertThat(c.getStringClaim("azp")).isEqualTo("web");
    assertThat(c.getStringClaim("nonce")).isEqualTo("n-1");
    assertThat(c.getStringListClaim("amr")).containsExactly("pwd");
    assertThat(c.getLongClaim("auth_time")).isEqualTo(authTime.getEpochSecond());
    assertThat(c.getIssueTime().toInstant()).isEqualTo(fx.clock.instant());
    assertThat(c.getExpirationTime().toInstant()).isAfter(fx.clock.instant());
    assertThat(tokens.document()).containsKey("id_token");
  }

  @Test
  void withoutOpenid_thereIsNoIdToken() {
    String code = params(fx.authorize(webRequest("scope", "read"))).get("code");

    assertThat(fx.redeemWeb(code).unwrap().idToken()).isNull();
  }

  @Test
  void aWrongVerifier_isInvalidGrant_andSpendsTheCode() {
    String code = fx.webCode();

    assertThat(fx.redeem("web", code, WEB_REDIRECT, VERIFIER.replace('d', 'e')).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
    assertThat(fx.redeemWeb(code).isOk()).isFalse();
  }

  @Test
  void verifierShape_isChecked_43To128Unreserved() {
    for (String bad : List.of("short", "x".repeat(129), VERIFIER.substring(0, 42) + "!")) {
      assertThat(fx.redeem("web", fx.webCode(), WEB_REDIRECT, bad).failure())
          .as(bad)
          .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_request"));
    }
    assertThat(fx.redeem("web", fx.webCode(), WEB_REDIRECT, null).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_request"));
  }

  @Test
  void anotherRedirectUri_orAMissingOne_isRefused() {
    assertThat(fx.redeem("web", fx.webCode(), WEB_REDIRECT + "/x", VERIFIER).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
    assertThat(fx.redeem("web", fx.webCode(), null, VERIFIER).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_request"));
  }

  @Test
  void anotherClient_isInvalidGrant() {
    assertThat(fx.redeem("svc", fx.webCode(), WEB_REDIRECT, VERIFIER).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
  }

  @Test
  void aCodeExpiresAfterSixtySeconds() {
    String code = fx.webCode();
    fx.clock.advance(Duration.ofSeconds(60));

    assertThat(fx.redeemWeb(code).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
  }

  @Test
  void aReplayedCode_isInvalidGrant_andRevokesWhatTheFirstRedemptionProduced() {
    String code = fx.webCode();
    TokenResponse first = fx.redeemWeb(code).unwrap();
    assertThat(fx.active(first.accessToken())).isTrue();

    Result<TokenResponse> replay = fx.redeemWeb(code);

    assertThat(replay.failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
    assertThat(fx.active(first.accessToken())).isFalse();
    assertThat(fx.active(first.refreshToken())).isFalse();
  }

  @Test
  void ofConcurrentRedemptions_exactlyOneGetsTokens_andAfterwardsNoneWork() {
    String code = fx.webCode();

    List<Result<TokenResponse>> results = Concurrently.run(12, i -> fx.redeemWeb(code));

    List<TokenResponse> won = results.stream().filter(Result::isOk).map(Result::unwrap).toList();
    assertThat(won).hasSize(1);
    assertThat(fx.active(won.get(0).accessToken())).isFalse();
    assertThat(fx.active(won.get(0).refreshToken())).isFalse();
  }

  @Test
  void aReplayBetweenRedemptionAndSessionRecording_stillEndsTheSession() {
    AtomicReference<Runnable> beforeAttach = new AtomicReference<>(() -> {});
    Fixture racing =
        new Fixture(
            new AbstractModule() {
              @Provides
              @Singleton
              AuthorizationCodeStore codes(Clock clock) {
                AuthorizationCodeStore real = MemoryStores.authorizationCodeStore(clock);
                return new AuthorizationCodeStore() {
                  @Override
                  public void save(AuthorizationCode code) {
                    real.save(code);
                  }

                  @Override
                  public CodeRedemption consume(String codeHash, Instant now) {
                    return real.consume(codeHash, now);
                  }

                  @Override
                  public boolean attachSession(String codeHash, String sessionId, Instant now) {
                    beforeAttach.getAndSet(() -> {}).run();
                    return real.attachSession(codeHash, sessionId, now);
                  }

                  @Override
                  public int purge(Instant cutoff) {
                    return real.purge(cutoff);
                  }
                };
              }
            });
    String code = racing.webCode();
    AtomicReference<Result<TokenResponse>> replay = new AtomicReference<>();
    beforeAttach.set(() -> replay.set(racing.redeemWeb(code)));

    TokenResponse first = racing.redeemWeb(code).unwrap();

    assertThat(replay.get().failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
    assertThat(racing.active(first.accessToken())).isFalse();
    assertThat(racing.active(first.refreshToken())).isFalse();
  }

  @Test
  void aPublicClientsSession_hasTheAbsoluteLifetime_aConfidentialOneHasNone() {
    TokenResponse web = fx.redeemWeb(fx.webCode()).unwrap();
    String svcCode =
        params(
                fx.authorize(
                    webRequest(
                        "client_id",
                        "svc",
                        "redirect_uri",
                        "https://svc.example.com/cb",
                        "scope",
                        "read")))
            .get("code");
    TokenResponse svc = fx.redeem("svc", svcCode, "https://svc.example.com/cb", VERIFIER).unwrap();

    SessionStore sessions = fx.get(SessionStore.class);
    String webSid = sid(web);
    String svcSid = sid(svc);
    assertThat(sessions.find(webSid).orElseThrow().absoluteExpiresAt())
        .isEqualTo(fx.clock.instant().plus(Duration.ofDays(30)));
    assertThat(sessions.find(svcSid).orElseThrow().absoluteExpiresAt()).isNull();
  }

  @Test
  void aCodeTheServerNeverIssued_isInvalidGrant() {
    assertThat(fx.redeemWeb("A".repeat(43)).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
    assertThat(fx.redeemWeb("not a code").failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_grant"));
  }

  private String sid(TokenResponse tokens) {
    return fx.get(OAuthTokens.class)
        .introspect(tokens.accessToken())
        .unwrap()
        .orElseThrow()
        .sessionId();
  }
}
