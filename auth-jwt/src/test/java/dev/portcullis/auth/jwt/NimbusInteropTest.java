package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.TestKeys;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import javax.crypto.SecretKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interoperability with an independent JOSE library (nimbus-jose-jwt): our tokens verify with it
 * through our JWKS document, and its tokens signed with our key verify with us. (EdDSA is covered
 * by the RFC 8037 vector instead: nimbus needs Google Tink for Ed25519.)
 */
final class NimbusInteropTest {

  /** Both libraries check time against the real clock here, so the fixture starts at now. */
  private static Fixture fixture(JwtKey key) {
    Fixture f = Fixture.create().withRing(KeyRing.of(key));
    f.clock.set(Instant.now());
    return f;
  }

  @ParameterizedTest
  @EnumSource(
      value = JwsAlgorithm.class,
      names = {"RS256", "PS256", "ES256", "ES384", "RS512", "PS512", "ES512"})
  void ourTokenVerifiesWithNimbusThroughOurJwks(JwsAlgorithm alg) throws Exception {
    JwtKey key = TestKeys.key("interop-" + alg.jwaName(), alg);
    Fixture f = fixture(key);
    TokenPair pair = f.login("alice", "user");
    String jwks = f.ring.jwks(f.clock.instant()).json();

    DefaultJWTProcessor<SecurityContext> nimbus = new DefaultJWTProcessor<>();
    nimbus.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    nimbus.setJWSKeySelector(
        new JWSVerificationKeySelector<>(
            JWSAlgorithm.parse(alg.jwaName()), new ImmutableJWKSet<>(JWKSet.parse(jwks))));
    nimbus.setJWTClaimsSetVerifier(
        new DefaultJWTClaimsVerifier<>(
            "api",
            new JWTClaimsSet.Builder().issuer(Fixture.ISSUER).subject("alice").build(),
            Set.of("exp", "iat", "jti", "sid")));

    JWTClaimsSet claims = nimbus.process(pair.accessToken(), null);

    assertThat(claims.getSubject()).isEqualTo("alice");
    assertThat(claims.getStringClaim("sid")).isEqualTo(pair.sessionId());
    assertThat(claims.getStringListClaim("roles")).containsExactly("user");
    assertThat(claims.getIssueTime().toInstant().getEpochSecond())
        .isEqualTo(f.clock.instant().getEpochSecond());
  }

  @ParameterizedTest
  @EnumSource(
      value = JwsAlgorithm.class,
      names = {"RS256", "PS256", "ES256", "ES384", "HS256", "HS512"})
  void aTokenNimbusSignsWithOurKeyVerifiesWithUs(JwsAlgorithm alg) throws Exception {
    JwtKey key = TestKeys.key("interop-" + alg.jwaName(), alg);
    Fixture f = fixture(key);
    Instant now = f.clock.instant();
    JWSSigner signer =
        switch (alg.family()) {
          case RSA, RSA_PSS -> new RSASSASigner((RSAPrivateKey) key.signingKey().orElseThrow());
          case EC -> new ECDSASigner((ECPrivateKey) key.signingKey().orElseThrow());
          default -> new MACSigner((SecretKey) key.signingKey().orElseThrow());
        };
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.parse(alg.jwaName()))
                .type(new JOSEObjectType("at+jwt"))
                .keyID(key.keyId())
                .build(),
            new JWTClaimsSet.Builder()
                .issuer(Fixture.ISSUER)
                .subject("bob")
                .audience("api")
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID("nimbus-1")
                .claim("sid", "s-1")
                .claim("roles", java.util.List.of("reader"))
                .build());
    jwt.sign(signer);
    String token = jwt.serialize();
    if (alg.family() == JwsAlgorithm.Family.EC && Ecdsa.highS(token, key)) {
      // Nimbus (like the JDK) does not normalise s: about half its ECDSA signatures are the
      // high-s form, which only a remote issuer configured with accept-high-s gets accepted.
      assertThat(Fixture.code(f.service.verify(token))).isEqualTo("token_signature");
      token = Ecdsa.flipS(token, key);
    }

    Principal p = f.service.verify(token).unwrap();

    assertThat(p.subject()).isEqualTo("bob");
    assertThat(p.tokenId()).isEqualTo("nimbus-1");
    assertThat(p.roles()).containsExactly("reader");
  }
}
