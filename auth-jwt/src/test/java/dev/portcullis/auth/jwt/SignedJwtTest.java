package dev.portcullis.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.testing.Ecdsa;
import dev.portcullis.auth.jwt.testing.TestKeys;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link SignedJwt}: tokens minted by nimbus-jose-jwt, verified under a key source. */
final class SignedJwtTest {

  private static final JwtKey RSA = TestKeys.key("rsa-1", JwsAlgorithm.RS256);
  private static final JwtKey RSA_OTHER =
      JwtKey.signing("rsa-2", JwsAlgorithm.RS256, TestKeys.pair(JwsAlgorithm.RS256, "other"));
  private static final JwtKey EC = TestKeys.key("ec-1", JwsAlgorithm.ES256);

  private static KeySource source(JwtKey... keys) {
    Jwks jwks = Jwks.of(List.of(keys));
    return new KeySource() {
      @Override
      public Optional<JwtKey> find(String keyId) {
        return jwks.find(keyId);
      }

      @Override
      public List<String> keyIds() {
        return jwks.keys().stream().map(JwtKey::keyId).toList();
      }
    };
  }

  private static JWSSigner signer(JwtKey key) throws Exception {
    return switch (key.algorithm().family()) {
      case RSA, RSA_PSS -> new RSASSASigner((RSAPrivateKey) key.signingKey().orElseThrow());
      case EC -> new ECDSASigner((ECPrivateKey) key.signingKey().orElseThrow());
      default -> throw new IllegalArgumentException();
    };
  }

  private static String mint(JwtKey key, String kid, JWTClaimsSet claims) throws Exception {
    JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.parse(key.algorithm().jwaName()));
    if (kid != null) {
      h.keyID(kid);
    }
    SignedJWT jwt = new SignedJWT(h.type(JOSEObjectType.JWT).build(), claims);
    jwt.sign(signer(key));
    return jwt.serialize();
  }

  private static JWTClaimsSet claims() {
    return new JWTClaimsSet.Builder()
        .issuer("client-1")
        .subject("client-1")
        .audience("https://as.example")
        .jwtID("j-1")
        .claim("n", 1.5)
        .build();
  }

  private static TokenFailure failure(Result<SignedJwt> r) {
    AuthError e = r.failure().orElseThrow();
    assertThat(e).isInstanceOf(AuthError.TokenRejected.class);
    return ((AuthError.TokenRejected) e).failure();
  }

  @Test
  void aTokenNamingItsKeyVerifiesAndShowsHeaderAndClaims() throws Exception {
    String token = mint(RSA, "rsa-1", claims());

    SignedJwt jwt = SignedJwt.verify(token, source(RSA, RSA_OTHER, EC)).unwrap();

    assertThat(jwt.key().keyId()).isEqualTo("rsa-1");
    assertThat(jwt.algorithm()).isEqualTo(JwsAlgorithm.RS256);
    assertThat(jwt.header()).containsEntry("kid", "rsa-1").containsEntry("typ", "JWT");
    assertThat(jwt.stringClaim("iss")).contains("client-1");
    assertThat(jwt.claims().get("aud")).isEqualTo("https://as.example");
    assertThat(jwt.stringClaim("n")).isEmpty();
    assertThatThrownBy(() -> jwt.claims().put("iss", "x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(jwt.toString()).doesNotContain("client-1");
  }

  @Test
  void withoutKidTheOnlyKeyPinnedToTheAlgorithmVerifies() throws Exception {
    String token = mint(RSA, null, claims());

    assertThat(SignedJwt.verify(token, source(RSA, EC)).unwrap().key().keyId()).isEqualTo("rsa-1");
  }

  @Test
  void withoutKidTwoKeysPinnedToTheAlgorithmAreAmbiguous() throws Exception {
    String token = mint(RSA, null, claims());

    assertThat(failure(SignedJwt.verify(token, source(RSA, RSA_OTHER))))
        .isEqualTo(TokenFailure.UNKNOWN_KEY);
  }

  @Test
  void withoutKidAndNoKeyForTheAlgorithmIsRefused() throws Exception {
    String token = mint(RSA, null, claims());

    Result<SignedJwt> r = SignedJwt.verify(token, source(EC));

    assertThat(failure(r)).isEqualTo(TokenFailure.ALGORITHM);
    assertThat(r.failure().orElseThrow().message()).contains("RS256").contains("ec-1 (ES256)");
  }

  @Test
  void anUnknownKidIsRefused() throws Exception {
    String token = mint(RSA, "rsa-9", claims());

    assertThat(failure(SignedJwt.verify(token, source(RSA)))).isEqualTo(TokenFailure.UNKNOWN_KEY);
  }

  @Test
  void aSignatureByAnotherKeyUnderTheSameKidIsRefused() throws Exception {
    String token = mint(RSA_OTHER, "rsa-1", claims());

    assertThat(failure(SignedJwt.verify(token, source(RSA)))).isEqualTo(TokenFailure.SIGNATURE);
  }

  @Test
  void anUnsignedTokenIsRefused() {
    String token = new PlainJWT(claims()).serialize();

    assertThat(failure(SignedJwt.verify(token, source(RSA)))).isEqualTo(TokenFailure.ALGORITHM);
  }

  @Test
  void anHmacTokenNamingAPublicKeyIsRefused() throws Exception {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims());
    jwt.sign(new MACSigner(new byte[32]));

    assertThat(failure(SignedJwt.verify(jwt.serialize(), source(RSA))))
        .isEqualTo(TokenFailure.ALGORITHM);
  }

  @Test
  void aPayloadThatIsNotAJsonObjectIsRefusedAfterTheSignature() throws Exception {
    JWSObject jws =
        new JWSObject(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(),
            new Payload("[\"not\",\"an\",\"object\"]"));
    jws.sign(signer(RSA));

    assertThat(failure(SignedJwt.verify(jws.serialize(), source(RSA))))
        .isEqualTo(TokenFailure.MALFORMED);
  }

  @Test
  void aTokenLongerThanTheLimitIsRefused() throws Exception {
    String token = mint(RSA, "rsa-1", claims());

    assertThat(failure(SignedJwt.verify(token, source(RSA), token.length() - 1, false)))
        .isEqualTo(TokenFailure.TOO_LARGE);
  }

  @Test
  void highSEcdsaIsRefusedUnlessAccepted() throws Exception {
    String token = mint(EC, "ec-1", claims());
    String high = Ecdsa.highS(token, EC) ? token : Ecdsa.flipS(token, EC);
    String low = Ecdsa.flipS(high, EC);

    assertThat(failure(SignedJwt.verify(high, source(EC)))).isEqualTo(TokenFailure.SIGNATURE);
    assertThat(SignedJwt.verify(low, source(EC)).isOk()).isTrue();
    assertThat(SignedJwt.verify(high, source(EC), SignedJwt.DEFAULT_MAX_SIZE, true).isOk())
        .isTrue();
  }

  @Test
  void aKeySourceThatCannotAnswerGivesServiceUnavailable() throws Exception {
    String token = mint(RSA, "rsa-1", claims());
    KeySource down =
        new KeySource() {
          @Override
          public Optional<JwtKey> find(String keyId) {
            throw new ServiceUnavailableException(
                new AuthError.ServiceUnavailable("keys", "down for the test"));
          }

          @Override
          public List<String> keyIds() {
            return List.of();
          }
        };

    Result<SignedJwt> r = SignedJwt.verify(token, down);

    assertThat(r.failure().orElseThrow()).isInstanceOf(AuthError.ServiceUnavailable.class);
  }

  @Test
  void claimsKeepEveryJsonType() throws Exception {
    String token = mint(RSA, "rsa-1", claims());

    Map<String, Object> c = SignedJwt.verify(token, source(RSA)).unwrap().claims();

    assertThat(c.get("n")).isInstanceOf(Number.class);
    assertThat(((Number) c.get("n")).doubleValue()).isEqualTo(1.5);
  }
}
