package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.MutableClock;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Regression tests for findings of the security review of auth-jwt. */
final class SecurityReviewJwtTest {

  /** A key source whose published keys change, like an issuer's JWKS after it withdraws a key. */
  private static final class MutableKeys implements KeySource {
    final AtomicReference<List<JwtKey>> keys = new AtomicReference<>(List.of());

    @Override
    public Optional<JwtKey> find(String keyId) {
      return keys.get().stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }

    @Override
    public List<String> keyIds() {
      return keys.get().stream().map(JwtKey::keyId).toList();
    }
  }

  @Test
  void aCachedTokenIsRefusedOnceItsKeyIsWithdrawnFromTheKeySource() {
    MutableClock clock = MutableClock.atDefault();
    JwtKey k1 = TestKeys.key("k1", JwsAlgorithm.ES256);
    MutableKeys source = new MutableKeys();
    source.keys.set(List.of(k1));
    JwtVerifier verifier =
        Fixture.verifierBuilder()
            .keys(source)
            .issuer(Fixture.ISSUER)
            .audiences(List.of("api"))
            .blacklist(TokenBlacklist.none())
            .clock(clock)
            .build();
    String token = Tokens.sign(k1, Tokens.header(k1, "at+jwt"), Tokens.claims(clock.instant()));
    assertThat(verifier.verify(token).isOk()).isTrue();

    // The issuer withdraws k1 (say it leaked): tokens it signed must stop working at once.
    source.keys.set(List.of(TestKeys.key("k2", JwsAlgorithm.ES256)));
    clock.advance(Duration.ofSeconds(1));

    assertThat(code(verifier.verify(token))).isEqualTo("token_unknown_key");
  }

  @Test
  void aCachedTokenIsRefusedWhenItsKeyIdNowNamesAnotherKey() {
    MutableClock clock = MutableClock.atDefault();
    JwtKey k1 = TestKeys.key("k1", JwsAlgorithm.ES256);
    MutableKeys source = new MutableKeys();
    source.keys.set(List.of(k1));
    JwtVerifier verifier =
        Fixture.verifierBuilder()
            .keys(source)
            .issuer(Fixture.ISSUER)
            .audiences(List.of("api"))
            .blacklist(TokenBlacklist.none())
            .clock(clock)
            .build();
    String token = Tokens.sign(k1, Tokens.header(k1, "at+jwt"), Tokens.claims(clock.instant()));
    assertThat(verifier.verify(token).isOk()).isTrue();

    source.keys.set(
        List.of(
            JwtKey.verifyOnly(
                "k1", JwsAlgorithm.ES256, TestKeys.pair(JwsAlgorithm.ES256, "other").getPublic())));

    assertThat(code(verifier.verify(token))).isEqualTo("token_signature");
  }

  @Test
  void aNumericDateWithAHugeNegativeExponentIsRefusedQuickly_notAHangOrAnException() {
    Fixture f = Fixture.create();
    JwtKey key = f.ring.active();
    Instant now = f.clock.instant();
    String claims =
        "{\"iss\":\""
            + Fixture.ISSUER
            + "\",\"sub\":\"alice\",\"aud\":\"api\",\"exp\":"
            + now.plusSeconds(900).getEpochSecond()
            + ",\"iat\":1e-999999999,\"jti\":\"j\",\"sid\":\"s\"}";
    String signed = Tokens.signRaw(key, Json(Tokens.header(key, "at+jwt")), claims);
    // Signed with another secret under the same kid: the inspector still reads the claims.
    JwtKey stranger = JwtKey.hmac(key.keyId(), JwsAlgorithm.HS256, new byte[32]);
    String unsigned =
        Tokens.signRaw(
            stranger,
            Json(Tokens.header(key, "at+jwt")),
            claims.replace("1e-999999999", "1e-300000000"));

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          assertThat(code(f.service.verify(signed))).isEqualTo("token_missing_claim");
          assertThat(f.inspector.inspect(signed).valid()).isFalse();
          assertThat(f.inspector.inspect(unsigned).valid()).isFalse();
        });
  }

  private static String Json(Map<String, Object> m) {
    return dev.portcullis.auth.jwt.internal.Json.writeString(m);
  }

  @Test
  void production_refusesATrustedIssuerWithoutAnAudience() {
    String prod =
        "auth.environment = production\n"
            + "auth.token.audiences = \"https://api.example.com\"\n"
            + "auth.token.algorithm = HS256\n"
            + "auth.token.secret-key = \"q0Vt7yJ3xK9mP2sR8wZ4cF6hN1bL5dG0aE3uT7iO9pQ=\"\n"
            + "auth.token.trusted-issuer.secret-key ="
            + " \"vyCNeFRq3JQGsKNvXeLa1p910TPSHopUousLIkxuOVE\"\n";

    assertThatThrownBy(() -> JwtSettings.load(Fixture.rawConfig(prod, Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(
            e ->
                assertThat(((ConfigurationException) e).problems())
                    .extracting(ConfigProblem::key)
                    .contains("auth.token.trusted-issuer.audience"));
    assertThat(
            JwtSettings.load(
                    Fixture.rawConfig(
                        prod + "auth.token.trusted-issuer.audience = \"https://api.example.com\"\n",
                        Map.of()))
                .trusted())
        .isPresent();
  }

  @Test
  void logoutRevokesATrustedIssuerTokenThatHasAJtiButNoIssuer() throws Exception {
    String secret = "vyCNeFRq3JQGsKNvXeLa1p910TPSHopUousLIkxuOVE";
    Fixture f = Fixture.create("auth.token.trusted-issuer.secret-key = \"" + secret + "\"\n");
    Instant now = f.clock.instant();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).build(),
            new JWTClaimsSet.Builder()
                .subject("github|42")
                .claim("email", "alice@example.com")
                .jwtID("front-1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(3600)))
                .build());
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    String token = jwt.serialize();
    Principal p = f.service.verify(token).unwrap();

    assertThat(f.service.revoke(p).isOk()).isTrue();

    assertThat(code(f.service.verify(token))).isEqualTo("token_revoked");
  }
}
