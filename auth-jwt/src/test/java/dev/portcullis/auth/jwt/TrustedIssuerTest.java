package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.jwt.testing.Fixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Seed 004: a front end signs tokens with AUTH_SECRET (HS256), the back end verifies them with the
 * same secret. The front end is played by an independent library (nimbus-jose-jwt).
 */
final class TrustedIssuerTest {

  private static final String AUTH_SECRET = "vyCNeFRq3JQGsKNvXeLa1p910TPSHopUousLIkxuOVE";

  private final Fixture backend =
      Fixture.create("auth.token.trusted-issuer.secret-key = \"" + AUTH_SECRET + "\"\n");
  private final Instant now = backend.clock.instant();

  private static String frontendToken(String secret, JWTClaimsSet claims, JOSEObjectType typ)
      throws Exception {
    JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.HS256);
    if (typ != null) {
      h.type(typ);
    }
    SignedJWT jwt = new SignedJWT(h.build(), claims);
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .subject("github|42")
        .claim("email", "alice@example.com")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  @Test
  void aFrontendTokenWithTheSharedSecretIsAccepted() throws Exception {
    Result<Principal> r =
        backend.service.verify(frontendToken(AUTH_SECRET, claims().build(), JOSEObjectType.JWT));

    Principal p = r.unwrap();
    assertThat(p.subject()).isEqualTo("github|42");
    assertThat(p.claims()).containsEntry("email", "alice@example.com");
    assertThat(p.sessionId()).isNull();
    // No jti: the token is identified by the SHA-256 of its string, so that logout can revoke it.
    assertThat(p.tokenId()).startsWith("sha256:").hasSize("sha256:".length() + 43);
  }

  @Test
  void aSecretMismatchBetweenTheServicesIsExplained() throws Exception {
    String token =
        frontendToken("another-secret-of-the-frontend-0123456789", claims().build(), null);

    Result<Principal> r = backend.service.verify(token);

    assertThat(code(r)).isEqualTo("token_signature");
    assertThat(error(r).message()).contains("most likely hold different secrets");
    assertThat(error(r).remedy()).contains("same secret on both sides");
  }

  @Test
  void requiredClaimsAreEnforced_subEmailExp() throws Exception {
    Result<Principal> r =
        backend.service.verify(
            frontendToken(AUTH_SECRET, claims().claim("email", null).build(), null));

    assertThat(code(r)).isEqualTo("token_missing_claim");
    assertThat(error(r).message()).contains("'email'");
  }

  @Test
  void clockSkew_withinTheLeewayIsAccepted_beyondItIsExplained() throws Exception {
    assertThat(
            backend
                .service
                .verify(
                    frontendToken(
                        AUTH_SECRET,
                        claims().issueTime(Date.from(now.plusSeconds(45))).build(),
                        null))
                .isOk())
        .isTrue();

    Result<Principal> r =
        backend.service.verify(
            frontendToken(
                AUTH_SECRET, claims().issueTime(Date.from(now.plusSeconds(300))).build(), null));

    assertThat(code(r)).isEqualTo("token_issued_in_future");
    assertThat(error(r).message())
        .contains("300 seconds in the future")
        .contains("check clock sync");
  }

  @Test
  void issuerAndAudienceAreIgnoredUnlessConfigured() throws Exception {
    String token =
        frontendToken(
            AUTH_SECRET,
            claims().issuer("https://front.example").audience("whatever").build(),
            null);

    assertThat(backend.service.verify(token).isOk()).isTrue();
  }

  @Test
  void issuerAndAudienceAreCheckedWhenConfigured() throws Exception {
    Fixture strict =
        Fixture.create(
            "auth.token.trusted-issuer.secret-key = \""
                + AUTH_SECRET
                + "\"\n"
                + "auth.token.trusted-issuer.issuer = \"https://front.example\"\n"
                + "auth.token.trusted-issuer.audience = \"backend\"\n");
    JWTClaimsSet good = claims().issuer("https://front.example").audience("backend").build();

    assertThat(strict.service.verify(frontendToken(AUTH_SECRET, good, null)).isOk()).isTrue();
    assertThat(
            code(
                strict.service.verify(
                    frontendToken(
                        AUTH_SECRET,
                        claims().issuer("https://evil.example").audience("backend").build(),
                        null))))
        .isEqualTo("token_issuer");
    Result<Principal> wrongAudience =
        strict.service.verify(
            frontendToken(
                AUTH_SECRET,
                claims().issuer("https://front.example").audience("other").build(),
                null));
    assertThat(code(wrongAudience)).isEqualTo("token_audience");
    assertThat(error(wrongAudience).message())
        .contains("'other'")
        .contains("expected 'backend'")
        .contains("auth.token.trusted-issuer.audience");
  }

  @Test
  void aTrustedTokenIsNotAcceptedAsOursAndOursNotAsTrusted() throws Exception {
    // A token of ours names our kid: it never reaches the shared-secret profile.
    assertThat(backend.service.verify(backend.login("alice").accessToken()).isOk()).isTrue();
    // A front-end token claiming to be an access token of ours is refused.
    assertThat(
            code(
                backend.service.verify(
                    frontendToken(AUTH_SECRET, claims().build(), new JOSEObjectType("at+jwt")))))
        .isEqualTo("token_type");
  }

  @Test
  void logOutEverywhereAlsoRevokesTrustedIssuerTokensIssuedBefore() throws Exception {
    String token = frontendToken(AUTH_SECRET, claims().build(), null);
    backend.clock.advance(java.time.Duration.ofSeconds(1));

    backend.service.revokeAll("github|42");

    assertThat(code(backend.service.verify(token))).isEqualTo("token_revoked");
  }
}
