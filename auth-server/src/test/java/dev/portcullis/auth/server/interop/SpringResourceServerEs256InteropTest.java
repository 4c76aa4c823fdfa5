package dev.portcullis.auth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A server signing with ES256 instead of the default RS256 (issue 17: an ECDSA signature through
 * Bouncy Castle costs a fraction of an RSA one, so refreshes and client-credentials grants go
 * several times faster), against Spring Security's resource server configured with the issuer URL
 * only: {@code JwtDecoders.fromIssuerLocation} takes the algorithms from the JWKS, so it accepts
 * ES256 with no setting. The signatures are Bouncy Castle's and the verifier is nimbus's on the
 * JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SpringResourceServerEs256InteropTest {
  @TempDir static Path dir;

  private InteropServer server;
  private NimbusJwtDecoder decoder;

  @BeforeAll
  void start() {
    server = InteropServer.start(dir, "ES256");
    decoder = JwtDecoders.fromIssuerLocation(server.issuer());
    decoder.setJwtValidator(
        JwtValidators.createAtJwtValidator()
            .issuer(server.issuer())
            .audience(InteropServer.AUDIENCE)
            .build());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void clientCredentialsAccessTokens_signedWithEs256_areAccepted() {
    // ECDSA signatures differ at every signing: several, so a malformed encoding of some r or s
    // (a leading zero byte, a high s) would show.
    for (int i = 0; i < 20; i++) {
      String token = Grants.clientCredentials(server, "read");

      Jwt jwt = decoder.decode(token);

      assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt").containsEntry("alg", "ES256");
      assertThat(jwt.getSubject()).isEqualTo(InteropServer.BASIC);
    }
  }

  @Test
  void userAccessToken_signedWithEs256_isAccepted() {
    var tokens = server.userSession();

    Jwt jwt = decoder.decode(tokens.accessToken());

    assertThat(jwt.getHeaders()).containsEntry("alg", "ES256");
    assertThat(jwt.getClaimAsString("sid")).isEqualTo(tokens.sessionId());
  }
}
