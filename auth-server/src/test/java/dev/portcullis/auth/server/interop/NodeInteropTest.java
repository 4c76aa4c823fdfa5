package dev.portcullis.auth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization server as node's standard OAuth clients use it, with nothing but the issuer URL
 * (issue 13): {@code openid-client} discovers it and runs every grant, client authentication
 * method, revocation and introspection; {@code oauth4webapi}'s {@code validateJwtAccessToken}
 * checks the issued access tokens as a resource server would. The script ({@code
 * src/test/node/interop.mjs}) runs once; each test below reports one of its checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class NodeInteropTest {
  @TempDir static Path dir;

  private InteropServer server;
  private NodeScripts.Run run;
  private JsonNode result;

  @BeforeAll
  void runScript() {
    NodeScripts.prepare();
    server = InteropServer.start(dir);
    run =
        NodeScripts.run(
            "interop.mjs",
            Map.of(
                "INTEROP_ISSUER", server.issuer(),
                "INTEROP_AUDIENCE", InteropServer.AUDIENCE,
                "INTEROP_BASIC_ID", InteropServer.BASIC,
                "INTEROP_BASIC_SECRET", server.basicSecret(),
                "INTEROP_POST_ID", InteropServer.POST,
                "INTEROP_POST_SECRET", server.postSecret(),
                "INTEROP_JWT_ID", InteropServer.JWT,
                "INTEROP_JWT_KEY", server.jwtKey().privateJwk(),
                "INTEROP_REFRESH_TOKEN", server.userSession().refreshToken(),
                "INTEROP_REFRESH_TOKEN_2", server.userSession().refreshToken()),
            Duration.ofSeconds(60));
    if (run.exitCode() == 2 || run.stdout().isBlank()) {
      throw new AssertionError(
          "node interop.mjs ended with exit " + run.exitCode() + ":\n" + run.stderr());
    }
    result = run.json();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void passed(String check) {
    JsonNode failure = result.path("failed").path(check);
    assertThat(failure.isMissingNode()).as("%s failed: %s", check, failure.asText()).isTrue();
    assertThat(result.path("passed"))
        .as("%s did not run; stderr:\n%s", check, run.stderr())
        .anyMatch(n -> n.asText().equals(check));
  }

  @Test
  void everyCheckPassed_andTheScriptExitedZero() {
    assertThat(result.path("failed").size())
        .as("failed checks: %s", result.path("failed"))
        .isZero();
    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  @Test
  void discovery_findsTheMetadataWithTheExactIssuer() {
    passed("discovery");
  }

  @Test
  void discovery_refusesTheSameServerUnderAnotherName() {
    passed("discovery_refuses_another_issuer_name");
  }

  @Test
  void clientCredentials_withClientSecretBasic() {
    passed("client_credentials_basic");
  }

  @Test
  void clientCredentials_withClientSecretPost() {
    passed("client_credentials_post");
  }

  @Test
  void clientCredentials_withPrivateKeyJwt() {
    passed("client_credentials_private_key_jwt");
  }

  @Test
  void privateKeyJwt_aReplayedAssertionIsRefused() {
    passed("private_key_jwt_replay_refused");
  }

  @Test
  void wrongSecret_isInvalidClientWithABasicChallenge() {
    passed("wrong_secret_is_invalid_client");
  }

  @Test
  void passwordGrant_isUnsupported() {
    passed("password_grant_unsupported");
  }

  @Test
  void scopeBeyondTheRegistration_isInvalidScope() {
    passed("scope_beyond_registration_is_invalid_scope");
  }

  @Test
  void validateJwtAccessToken_acceptsAClientCredentialsToken() {
    passed("validate_jwt_access_token_client");
    assertThat(result.path("claims").path("client").path("aud").toString())
        .contains(InteropServer.AUDIENCE);
  }

  @Test
  void refresh_rotatesAndTheFirstRefreshTokenIsRefusedAfterwards() {
    passed("refresh_rotation");
    assertThat(result.path("claims").path("user").path("sid").isTextual()).isTrue();
  }

  @Test
  void validateJwtAccessToken_refusesARefreshToken() {
    passed("refresh_token_refused_as_access_token");
    // Refused for what it is (typ refresh+jwt, an HS256 key never published), not because the
    // verifier could not reach the keys.
    assertThat(result.path("claims").path("refresh_token_refusal").asText())
        .doesNotContainIgnoringCase("fetch")
        .doesNotContainIgnoringCase("ECONNREFUSED");
  }

  @Test
  void introspection_activeAndExactlyInactive() {
    passed("introspection");
  }

  @Test
  void introspection_showsATokenToItsOwnClient_notToAnotherClientOfTheSameApi() {
    passed("introspection_by_resource_servers");
  }

  @Test
  void revocation_ofAnAccessToken() {
    passed("revocation_access_token");
  }

  @Test
  void revocation_ofARefreshTokenRevokesWhatItMinted() {
    passed("revocation_refresh_token");
  }
}
