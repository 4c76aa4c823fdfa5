package dev.portcullis.auth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Spring Security's resource server (no Boot) configured with nothing but the issuer URL, as its
 * documentation says: {@code JwtDecoders.fromIssuerLocation(issuer)} finds the RFC 8414 metadata,
 * checks its issuer and takes the JWKS from it; {@code JwtValidators.createAtJwtValidator()} checks
 * the RFC 9068 profile ({@code typ at+jwt}, {@code exp}, {@code iat}, {@code sub}, {@code jti},
 * {@code client_id}) plus the issuer and the audience this API expects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class SpringResourceServerInteropTest {
  @TempDir static Path dir;

  private InteropServer server;
  private NimbusJwtDecoder decoder;

  @BeforeAll
  void start() {
    server = InteropServer.start(dir);
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
  void clientCredentialsAccessToken_fromTheTokenEndpoint_isAccepted() {
    String token = Grants.clientCredentials(server, "read");

    Jwt jwt = decoder.decode(token);

    assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt").containsEntry("alg", "RS256");
    assertThat(jwt.getIssuer()).hasToString(server.issuer());
    assertThat(jwt.getAudience()).containsExactly(InteropServer.AUDIENCE);
    assertThat(jwt.getSubject()).isEqualTo(InteropServer.BASIC);
    assertThat(jwt.getClaimAsString("client_id")).isEqualTo(InteropServer.BASIC);
    assertThat(jwt.getClaimAsString("scope")).isEqualTo("read");
    assertThat(jwt.hasClaim("sid")).isFalse();
  }

  @Test
  void userAccessToken_isAccepted() {
    var tokens = server.userSession();

    Jwt jwt = decoder.decode(tokens.accessToken());

    assertThat(jwt.getClaimAsString("client_id")).isEqualTo(InteropServer.BASIC);
    assertThat(jwt.getSubject()).isNotEqualTo(InteropServer.BASIC);
    assertThat(jwt.getClaimAsString("sid")).isEqualTo(tokens.sessionId());
    assertThat(jwt.getClaimAsStringList("amr")).containsExactly("pwd");
    assertThat(jwt.hasClaim("auth_time")).isTrue();
  }

  @Test
  void refreshToken_isRefused() {
    String refresh = server.userSession().refreshToken();

    assertThatThrownBy(() -> decoder.decode(refresh)).isInstanceOf(JwtException.class);
  }

  @Test
  void accessTokenForAnotherAudience_isRefused() {
    NimbusJwtDecoder other = JwtDecoders.fromIssuerLocation(server.issuer());
    other.setJwtValidator(
        JwtValidators.createAtJwtValidator()
            .issuer(server.issuer())
            .audience("https://another-api.example.com")
            .build());
    String token = Grants.clientCredentials(server, "read");

    assertThatThrownBy(() -> other.decode(token))
        .isInstanceOf(JwtException.class)
        .hasMessageContaining("aud");
  }

  @Test
  void issuerLocation_mustBeTheIssuerByteForByte() {
    // The same server under another name: the metadata's issuer is the configured one, never the
    // Host the request came to, so Spring refuses the mismatch.
    String otherName = server.issuer().replace("127.0.0.1", "localhost");

    assertThatThrownBy(() -> JwtDecoders.fromIssuerLocation(otherName))
        .hasMessageContaining("did not match");
  }
}
