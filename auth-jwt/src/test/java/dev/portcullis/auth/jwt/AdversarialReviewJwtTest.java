package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.MutableClock;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 11 (adversarial review), the auth-jwt items 17, 10, 12 and 11. */
final class AdversarialReviewJwtTest {

  private static final String SECRET = "vyCNeFRq3JQGsKNvXeLa1p910TPSHopUousLIkxuOVE";

  /** A front-end token signed with the shared secret, with these claims. */
  private static String frontend(JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static JWTClaimsSet.Builder claims(Instant iat, Duration life) {
    return new JWTClaimsSet.Builder()
        .subject("github|42")
        .claim("email", "alice@example.com")
        .issueTime(Date.from(iat))
        .expirationTime(Date.from(iat.plus(life)));
  }

  /** Item 17: ECDSA signatures are malleable unless one of the two forms is required. */
  @Nested
  final class LowS {

    @ParameterizedTest
    @EnumSource(
        value = JwsAlgorithm.class,
        names = {"ES256", "ES384", "ES512"})
    void theHighSTwinOfAValidTokenIsRefusedWithTokenSignature(JwsAlgorithm alg) {
      JwtKey key = TestKeys.key("ec-" + alg.jwaName(), alg);
      Fixture f = Fixture.create().withRing(KeyRing.of(key));
      String token = f.login("alice").accessToken();
      String twin = Ecdsa.flipS(token, key);

      Result<Principal> r = f.service.verify(twin);

      assertThat(twin).isNotEqualTo(token);
      assertThat(code(r)).isEqualTo("token_signature");
      assertThat(error(r).message()).contains("low-s");
      assertThat(f.service.verify(token).isOk()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
        value = JwsAlgorithm.class,
        names = {"ES256", "ES384", "ES512"})
    void twoHundredFreshlySignedTokensAllHaveALowS(JwsAlgorithm alg) {
      JwtKey key = TestKeys.key("fresh-" + alg.jwaName(), alg);
      Fixture f = Fixture.create().withRing(KeyRing.of(key));

      for (int i = 0; i < 200; i++) {
        String token = f.login("user-" + i).accessToken();
        assertThat(Ecdsa.highS(token, key)).as("token %d", i).isFalse();
      }
    }

    @Test
    void aRemoteIssuerThatDoesNotNormaliseIsAcceptedOnlyWhenConfigured_neverForAKeyRing() {
      MutableClock clock = MutableClock.atDefault();
      JwtKey key = TestKeys.key("foreign", JwsAlgorithm.ES256);
      String low = Tokens.sign(key, Tokens.header(key, "at+jwt"), Tokens.claims(clock.instant()));
      String high = Ecdsa.flipS(low, key);
      KeySource remote =
          new KeySource() {
            @Override
            public Optional<JwtKey> find(String keyId) {
              return key.keyId().equals(keyId) ? Optional.of(key) : Optional.empty();
            }

            @Override
            public List<String> keyIds() {
              return List.of(key.keyId());
            }
          };
      JwtVerifier.Builder b =
          Fixture.verifierBuilder()
              .issuer(Fixture.ISSUER)
              .audiences(List.of("api"))
              .blacklist(TokenBlacklist.none())
              .clock(clock);

      assertThat(code(b.keys(remote).build().verify(high))).isEqualTo("token_signature");
      assertThat(b.keys(remote).acceptHighS(true).build().verify(high).isOk()).isTrue();
      assertThat(code(b.keys(KeyRing.of(key)).acceptHighS(true).build().verify(high)))
          .isEqualTo("token_signature");
      assertThat(
              JwtSettings.load(
                      Fixture.rawConfig(
                          Fixture.BASE
                              + "auth.token.remote-jwks.url = \"https://issuer.example/jwks\"\n"
                              + "auth.token.remote-jwks.accept-high-s = true\n",
                          java.util.Map.of()))
                  .remote()
                  .orElseThrow()
                  .acceptHighS())
          .isTrue();
    }
  }

  /** Item 10: logout of a trusted issuer's token without jti must revoke it. */
  @Nested
  final class TrustedTokenWithoutJti {
    private final Fixture f =
        Fixture.create("auth.token.trusted-issuer.secret-key = \"" + SECRET + "\"\n");

    @Test
    void logoutRevokesExactlyThatToken() throws Exception {
      Instant now = f.clock.instant();
      String token = frontend(claims(now, Duration.ofHours(1)).build());
      String sibling = frontend(claims(now, Duration.ofHours(2)).build());
      Principal p = f.service.verify(token).unwrap(); // also cached now

      assertThat(f.service.revoke(p).isOk()).isTrue();

      Result<Principal> after = f.service.verify(token);
      assertThat(code(after)).isEqualTo("token_revoked");
      assertThat(error(after).message()).contains("logout");
      assertThat(f.service.verify(sibling).isOk()).isTrue();
      // The revocation lasts until the token's exp (plus leeway), not shorter.
      f.clock.advance(Duration.ofMinutes(59));
      assertThat(code(f.service.verify(token))).isEqualTo("token_revoked");
    }

    @Test
    void aJtiThatIsNull_isTreatedAsNoJti_andLogoutRevokesTheToken() throws Exception {
      Instant now = f.clock.instant();
      long iat = now.getEpochSecond();
      // "jti": null written out, as some issuers do: not a usable id, so one is derived.
      com.nimbusds.jose.JWSObject jws =
          new com.nimbusds.jose.JWSObject(
              new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
              new com.nimbusds.jose.Payload(
                  "{\"sub\":\"github|42\",\"email\":\"alice@example.com\",\"jti\":null,\"iat\":"
                      + iat
                      + ",\"exp\":"
                      + (iat + 3600)
                      + "}"));
      jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
      String token = jws.serialize();
      Principal p = f.service.verify(token).unwrap();
      assertThat(p.tokenId()).startsWith("sha256:");

      assertThat(f.service.revoke(p).isOk()).isTrue();

      assertThat(code(f.service.verify(token))).isEqualTo("token_revoked");
      assertThat(code(f.service.verify(token)))
          .as("again, from the cache")
          .isEqualTo("token_revoked");
    }

    @Test
    void theRevocationOutlivesTheLongerLeewayOfTheTrustedIssuer() throws Exception {
      Fixture wide =
          Fixture.create(
              "auth.token.trusted-issuer.secret-key = \""
                  + SECRET
                  + "\"\nauth.token.trusted-issuer.leeway = 5m\n");
      Instant now = wide.clock.instant();
      String token = frontend(claims(now, Duration.ofMinutes(10)).build());
      wide.service.revoke(wide.service.verify(token).unwrap()).unwrap();

      // exp + 2 min: past the issuer's 60 s leeway, within the trusted issuer's 5 min.
      wide.clock.advance(Duration.ofMinutes(12));

      assertThat(code(wide.service.verify(token))).isEqualTo("token_revoked");
    }
  }

  /** Item 12: a trusted issuer's token without iat. */
  @Nested
  final class TrustedTokenWithoutIat {
    private final Fixture f =
        Fixture.create("auth.token.trusted-issuer.secret-key = \"" + SECRET + "\"\n");

    @Test
    void isRefusedNamingTheClaimAndTheFix() throws Exception {
      Instant now = f.clock.instant();
      String token =
          frontend(
              new JWTClaimsSet.Builder()
                  .subject("github|42")
                  .claim("email", "alice@example.com")
                  .expirationTime(Date.from(now.plusSeconds(3600)))
                  .build());

      Result<Principal> r = f.service.verify(token);

      assertThat(code(r)).isEqualTo("token_missing_claim");
      assertThat(error(r).message())
          .contains("'iat'")
          .contains("log out everywhere")
          .contains("setIssuedAt");
      assertThat(f.inspector.inspect(token).firstFinding().orElseThrow().code())
          .isEqualTo("token_missing_claim");
    }

    @Test
    void logOutEverywhereRefusesEarlierTokensButNotLaterOnes() throws Exception {
      Instant now = f.clock.instant();
      String before = frontend(claims(now, Duration.ofHours(1)).build());
      f.clock.advance(Duration.ofSeconds(1));
      f.service.revokeAll("github|42").unwrap();
      f.clock.advance(Duration.ofSeconds(1));
      String later = frontend(claims(f.clock.instant(), Duration.ofHours(1)).build());

      assertThat(code(f.service.verify(before))).isEqualTo("token_revoked");
      assertThat(f.service.verify(later).isOk()).isTrue();
    }
  }

  /** Item 11: the verify cache rechecks expiry with the leeway of the entry's own profile. */
  @Nested
  final class CacheLeeway {

    @Test
    void aCachedTrustedIssuerTokenExpiresWithTheProfilesZeroLeeway() throws Exception {
      Fixture f =
          Fixture.create(
              "auth.token.trusted-issuer.secret-key = \""
                  + SECRET
                  + "\"\nauth.token.trusted-issuer.leeway = 0s\nauth.token.leeway = 60s\n");
      Instant now = f.clock.instant();
      String token = frontend(claims(now, Duration.ofSeconds(30)).build());
      assertThat(f.service.verify(token).isOk()).isTrue();
      assertThat(f.verifier.cachedTokens()).isEqualTo(1);

      f.clock.advance(Duration.ofSeconds(31)); // past exp, within the main leeway

      Result<Principal> r = f.service.verify(token);
      assertThat(code(r)).isEqualTo("token_expired");
      assertThat(error(r).message()).contains("leeway 0 s");
    }

    @Test
    void aCachedOwnTokenStillGetsTheMainLeeway() {
      Fixture f =
          Fixture.create(
              "auth.token.trusted-issuer.secret-key = \""
                  + SECRET
                  + "\"\nauth.token.trusted-issuer.leeway = 0s\nauth.token.leeway = 60s\n");
      TokenPair pair = f.login("alice");
      assertThat(f.service.verify(pair.accessToken()).isOk()).isTrue();

      f.clock.set(pair.accessTokenExpiresAt().plusSeconds(30));

      assertThat(f.service.verify(pair.accessToken()).isOk()).isTrue();
      f.clock.set(pair.accessTokenExpiresAt().plusSeconds(60));
      assertThat(code(f.service.verify(pair.accessToken()))).isEqualTo("token_expired");
    }
  }
}
