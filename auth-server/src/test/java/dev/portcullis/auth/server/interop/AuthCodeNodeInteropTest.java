package dev.portcullis.auth.server.interop;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization code flow with PKCE as node's {@code openid-client} runs it against the real
 * server over loopback HTTP ({@code src/test/node/authcode.mjs}): OIDC discovery, the authorization
 * URL, the real login and consent pages driven over HTTP by the script (a cookie jar, each form's
 * CSRF token, the browser's Origin; the 303 to the loopback redirect_uri caught, not followed), the
 * callback's state and {@code iss}, the code exchange, the id_token (nonce; RS256 against the
 * JWKS), userinfo, refresh, a replayed code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AuthCodeNodeInteropTest {
  private static final String CLIENT = "interop-spa";
  private static final String EMAIL = "ada@example.com";
  private static final String PASSWORD = "correct horse battery staple 4 tests";

  @TempDir static Path dir;

  private PortcullisServer server;
  private NodeScripts.Run run;
  private JsonNode result;

  @BeforeAll
  void runScript() throws IOException {
    NodeScripts.prepare();
    int port = freeLoopbackPort();
    String issuer = "http://127.0.0.1:" + port;
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.token.issuer = \"" + issuer + "\"",
                        "auth.oauth.enabled = true",
                        "auth.oauth.scopes = [{name = openid, description = \"Sign you in\"},",
                        "  {name = read, description = \"Read things\"}]",
                        "auth.oauth.clients = [{client-id = \"" + CLIENT + "\",",
                        "  display-name = \"Interop SPA\", type = public,",
                        "  redirect-uris = [\"http://127.0.0.1/callback\"],",
                        "  scopes = [openid, read]}]")))
            .dataDir(dir)
            .build()
            .start(port);
    Api.Res registered =
        new Api(server.uri())
            .post("/auth/register")
            .json(obj("email", EMAIL, "password", PASSWORD, "name", "Ada"))
            .send();
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    String subject = registered.json().path("user").path("id").asText();
    if (subject.isEmpty()) {
      subject = registered.json().path("id").asText();
    }
    run =
        NodeScripts.run(
            "authcode.mjs",
            Map.of(
                "INTEROP_ISSUER", issuer,
                "INTEROP_CLIENT_ID", CLIENT,
                "INTEROP_EMAIL", EMAIL,
                "INTEROP_PASSWORD", PASSWORD,
                "INTEROP_SUBJECT", subject),
            Duration.ofSeconds(60));
    if (run.exitCode() == 2 || run.stdout().isBlank()) {
      throw new AssertionError(
          "node authcode.mjs ended with exit " + run.exitCode() + ":\n" + run.stderr());
    }
    result = run.json();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
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
  void oidcDiscovery_findsTheAuthorizationAndUserinfoEndpoints() {
    passed("oidc_discovery");
  }

  @Test
  void codeWithPkce_stateIssAndNonce_checkedByOpenidClient() {
    passed("code_with_pkce_state_iss_and_nonce");
  }

  @Test
  void idToken_isRs256_verifiableWithTheJwks() {
    passed("id_token_signature_rs256_against_the_jwks");
  }

  @Test
  void userinfo_answersForTheAccessToken() {
    passed("userinfo");
  }

  @Test
  void aWrongStateOrIss_isRefusedByTheClient() {
    passed("a_wrong_state_or_iss_is_refused_by_the_client");
  }

  @Test
  void theRefreshTokenOfTheCodeGrant_works() {
    passed("refresh");
  }

  @Test
  void aReplayedCode_isInvalidGrant_andRevokesTheTokens() {
    passed("a_replayed_code_is_invalid_grant_and_revokes_the_tokens");
  }

  @Test
  void aWrongVerifier_isInvalidGrant() {
    passed("a_wrong_verifier_is_invalid_grant");
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
