package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.jwt.internal.Crypto;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.internal.JwtTokenService;
import dev.portcullis.auth.jwt.internal.TokenMinter;
import dev.portcullis.auth.jwt.internal.TokenTypes;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.TestKeys;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11, item 22: a refresh token must be unusable as an access token by any verifier that holds
 * only the JWKS. Refresh tokens are MACed (HS256) under a key derived from the signing key's
 * private material and never published.
 */
final class RefreshTokenKeyTest {

  private static Map<String, Object> header(String token) {
    return Json.parseObject(Tokens.decode(token.split("\\.")[0]));
  }

  private static Map<String, Object> claims(String token) {
    return Json.parseObject(Tokens.decode(token.split("\\.")[1]));
  }

  @ParameterizedTest
  @EnumSource(JwsAlgorithm.class)
  void aRefreshTokenIsMacedUnderTheDerivedKey_notThePublishedOne(JwsAlgorithm alg) {
    JwtKey key = TestKeys.key("k-" + alg.jwaName(), alg);
    Fixture f = Fixture.create().withRing(KeyRing.of(key));

    TokenPair pair = f.login("alice");

    assertThat(header(pair.refreshToken()))
        .containsEntry("alg", "HS256")
        .containsEntry("typ", "refresh+jwt")
        .containsEntry("kid", key.keyId() + "~r");
    assertThat(claims(pair.refreshToken()))
        .containsKeys("iss", "sub", "aud", "exp", "nbf", "iat", "jti", "sid")
        .containsEntry("aud", Fixture.ISSUER)
        .containsEntry("sid", pair.sessionId());
    assertThat(header(pair.accessToken())).containsEntry("kid", key.keyId());
    assertThat(f.service.refresh(pair.refreshToken()).isOk()).isTrue();
  }

  @Test
  void theJwksNeverContainsARefreshKey() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    JwtKey rsa = TestKeys.key("rsa", JwsAlgorithm.RS256);
    JwtKey ec = TestKeys.key("ec", JwsAlgorithm.ES256).retiringAt(now.plusSeconds(60));
    KeyRing ring = KeyRing.of(rsa, ec);

    Jwks jwks = ring.jwks(now);

    assertThat(ring.refreshKeys().keyIds()).containsExactly("rsa~r", "ec~r");
    assertThat(jwks.keys()).extracting(JwtKey::keyId).containsExactly("rsa", "ec");
    assertThat(jwks.json()).doesNotContain("~r").doesNotContain("\"oct\"");
  }

  /**
   * A resource server with nimbus-jose-jwt, the published JWKS and no type check at all (the
   * setting that let node jose and Spring Security accept a 7-day refresh token) cannot verify a
   * refresh token, while it accepts the access token with the same setup.
   */
  @ParameterizedTest
  @EnumSource(
      value = JwsAlgorithm.class,
      names = {"RS256", "PS256", "ES256", "ES384", "ES512"})
  void aRefreshTokenDoesNotVerifyAgainstTheJwksWithNimbus_evenWithTypeChecksOff(JwsAlgorithm alg)
      throws Exception {
    JwtKey key = TestKeys.key("rs-" + alg.jwaName(), alg);
    Fixture f = Fixture.create().withRing(KeyRing.of(key));
    f.clock.set(Instant.now());
    TokenPair pair = f.login("alice");
    JWKSet jwks = JWKSet.parse(f.ring.jwks(f.clock.instant()).json());
    DefaultJWTProcessor<SecurityContext> nimbus = new DefaultJWTProcessor<>();
    nimbus.setJWSTypeVerifier(
        new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("refresh+jwt")));
    nimbus.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            Set.of(JWSAlgorithm.parse(alg.jwaName()), JWSAlgorithm.HS256),
            new ImmutableJWKSet<>(jwks)));

    assertThat(nimbus.process(pair.accessToken(), null).getSubject()).isEqualTo("alice");
    assertThatThrownBy(() -> nimbus.process(pair.refreshToken(), null))
        .isInstanceOfAny(BadJOSEException.class, JOSEException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = JwsAlgorithm.class,
      names = {"HS256", "RS256", "ES256", "EDDSA"})
  void refresh_refusesAnOldStyleRefreshTokenSignedWithThePublishedKey(JwsAlgorithm alg) {
    JwtKey key = TestKeys.key("old-" + alg.jwaName(), alg);
    Fixture f = Fixture.create().withRing(KeyRing.of(key));
    TokenPair pair = f.login("alice");
    // Exactly the current refresh token's claims (its session and jti are live), signed the way
    // refresh tokens were signed before: with the published key.
    String old =
        TokenMinter.sign(key, TokenTypes.REFRESH, new LinkedHashMap<>(claims(pair.refreshToken())));

    var r = f.service.refresh(old);

    assertThat(code(r)).isEqualTo("token_type");
    assertThat(error(r).message()).contains("'" + key.keyId() + "'").contains("published");
    assertThat(f.service.refresh(pair.refreshToken()).isOk()).isTrue(); // nothing was revoked
  }

  @Test
  void refresh_pinsTheAlgorithmOfTheRefreshKey() {
    JwtKey key = TestKeys.key("pin", JwsAlgorithm.RS256);
    Fixture f = Fixture.create().withRing(KeyRing.of(key));
    TokenPair pair = f.login("alice");
    Map<String, Object> h = new LinkedHashMap<>(header(pair.refreshToken()));
    h.put("alg", "RS256"); // names the refresh key, signed with the published private key
    String forged = Tokens.sign(key, h, claims(pair.refreshToken()));

    assertThat(code(f.service.refresh(forged))).isEqualTo("token_algorithm");
  }

  @Test
  void verify_refusesARefreshToken_alsoWhenOnlyTheJwksIsKnown() {
    JwtKey key = TestKeys.key("remote", JwsAlgorithm.ES256);
    Fixture f = Fixture.create().withRing(KeyRing.of(key));
    String refresh = f.login("alice").refreshToken();
    Jwks published = f.ring.jwks(f.clock.instant());
    JwtVerifier jwksOnly =
        Fixture.verifierBuilder()
            .keys(
                new KeySource() {
                  @Override
                  public java.util.Optional<JwtKey> find(String keyId) {
                    return published.find(keyId);
                  }

                  @Override
                  public List<String> keyIds() {
                    return published.keys().stream().map(JwtKey::keyId).toList();
                  }
                })
            .issuer(Fixture.ISSUER)
            .audiences(List.of("api"))
            .blacklist(f.stores.blacklist)
            .clock(f.clock)
            .build();

    assertThat(code(f.service.verify(refresh))).isEqualTo("token_type");
    assertThat(code(jwksOnly.verify(refresh))).isEqualTo("token_type");
    TokenReport report = jwksOnly.inspect(refresh);
    assertThat(report.valid()).isFalse();
    assertThat(report.firstFinding().orElseThrow().explanation())
        .contains("only the issuer can verify");
  }

  @Test
  void theInspectorStillExplainsARefreshToken() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");

    TokenReport r = f.inspector.inspect(pair.refreshToken());

    assertThat(r.valid()).isTrue();
    assertThat(r.kind()).isEqualTo("refresh");
    assertThat(r.facts())
        .anyMatch(
            s ->
                s.contains("refresh-token key 'default~r'")
                    && s.contains("never published")
                    && s.contains("signature verified"));
    String old =
        TokenMinter.sign(
            f.ring.active(), TokenTypes.REFRESH, new LinkedHashMap<>(claims(pair.refreshToken())));
    TokenReport oldReport = f.inspector.inspect(old);
    assertThat(oldReport.valid()).isFalse();
    assertThat(oldReport.kind()).isEqualTo("refresh");
    assertThat(oldReport.firstFinding().orElseThrow().code()).isEqualTo("token_type");
  }

  /** A second service instance over the same stores, as after a restart with new settings. */
  private static TokenService instance(Fixture f, KeyRing ring) {
    JwtSettings s = f.settings.withKeyRing(ring);
    return new JwtTokenService(
        s,
        ring,
        JwtVerifier.fromSettings(s, ring, f.stores.blacklist, f.clock),
        f.stores.sessions,
        f.stores.blacklist,
        f.stores.users,
        new AuthEvents(Set.of()),
        TokenClaims.none(),
        f.clock);
  }

  @Test
  void rotation_refreshTokensOfThePreviousKeyRefreshUntilItRetires() {
    Fixture f = Fixture.create().withRing(KeyRing.of(TestKeys.key("k1", JwsAlgorithm.ES256)));
    TokenPair a = f.login("alice");
    TokenPair b = f.login("bob");
    Instant retire = f.clock.instant().plus(Duration.ofHours(1));
    KeyRing rotated = f.ring.rotate(TestKeys.key("k2", JwsAlgorithm.EDDSA), retire);
    TokenService after = instance(f, rotated);

    TokenPair next = after.refresh(a.refreshToken()).unwrap();
    assertThat(header(next.refreshToken())).containsEntry("kid", "k2~r");

    f.clock.set(retire.plusSeconds(1));
    var r = after.refresh(b.refreshToken());
    assertThat(code(r)).isEqualTo("token_unknown_key");
    assertThat(error(r).message()).contains("'k1~r'").contains("retired at " + retire);
    assertThat(after.refresh(next.refreshToken()).isOk()).isTrue();
  }

  @Test
  void rotation_aPreviousKeyKnownOnlyByItsPublicHalfCannotVerifyItsRefreshTokens_andSaysSo() {
    JwtKey k1 = TestKeys.key("k1", JwsAlgorithm.ES256);
    Fixture f = Fixture.create().withRing(KeyRing.of(k1));
    TokenPair a = f.login("alice");
    JwtKey publicOnly =
        JwtKey.verifyOnly("k1", JwsAlgorithm.ES256, TestKeys.pair(JwsAlgorithm.ES256).getPublic())
            .retiringAt(f.clock.instant().plus(Duration.ofHours(1)));
    TokenService after =
        instance(f, KeyRing.of(TestKeys.key("k2", JwsAlgorithm.EDDSA), publicOnly));

    var r = after.refresh(a.refreshToken());

    assertThat(code(r)).isEqualTo("token_unknown_key");
    assertThat(error(r).message())
        .contains("public half")
        .contains("auth.token.previous-key.public-key-file");
  }

  @Test
  void everyInstanceLoadingTheSameKeyDerivesTheSameRefreshKey_andNothingElseDoes() {
    String pem = TestKeys.privatePem(TestKeys.pair(JwsAlgorithm.ES256));
    JwtKey a = JwtKey.fromPem("fleet", JwsAlgorithm.ES256, pem);
    JwtKey b = JwtKey.fromPem("fleet", JwsAlgorithm.ES256, pem);
    JwtKey otherId = JwtKey.fromPem("other", JwsAlgorithm.ES256, pem);
    JwtKey otherKey =
        JwtKey.signing("fleet", JwsAlgorithm.ES256, TestKeys.pair(JwsAlgorithm.ES256, "x"));

    assertThat(secret(a)).isEqualTo(secret(b)).hasSize(32);
    assertThat(secret(a)).isNotEqualTo(secret(otherId)).isNotEqualTo(secret(otherKey));
    assertThat(a.refreshKey().orElseThrow().algorithm()).isEqualTo(JwsAlgorithm.HS256);
    assertThat(a.refreshKey().orElseThrow().keyId()).isEqualTo("fleet~r");
    assertThat(a.retiringAt(Instant.EPOCH).refreshKey().orElseThrow().retireAt())
        .contains(Instant.EPOCH);
    assertThat(
            JwtKey.verifyOnly(
                    "pub", JwsAlgorithm.ES256, TestKeys.pair(JwsAlgorithm.ES256).getPublic())
                .refreshKey())
        .isEmpty();

    // HS: two loads of the same secret agree; the refresh key is not the secret itself.
    byte[] shared = Fixture.SECRET.getBytes(StandardCharsets.UTF_8);
    JwtKey hs1 = JwtKey.hmac("default", JwsAlgorithm.HS256, shared);
    JwtKey hs2 = Fixture.ring(Fixture.settings("")).active();
    assertThat(secret(hs1)).isEqualTo(secret(hs2)).isNotEqualTo(shared);
  }

  private static byte[] secret(JwtKey k) {
    return k.refreshKey().orElseThrow().verificationKey().getEncoded();
  }

  @Test
  void hkdfSha256MatchesRfc5869() {
    HexFormat hex = HexFormat.of();
    byte[] ikm = hex.parseHex("0b".repeat(22));
    assertThat(
            hex.formatHex(
                Crypto.hkdfSha256(
                    hex.parseHex("000102030405060708090a0b0c"),
                    ikm,
                    hex.parseHex("f0f1f2f3f4f5f6f7f8f9"),
                    42)))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    assertThat(hex.formatHex(Crypto.hkdfSha256(new byte[0], ikm, new byte[0], 42)))
        .isEqualTo(
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }
}
