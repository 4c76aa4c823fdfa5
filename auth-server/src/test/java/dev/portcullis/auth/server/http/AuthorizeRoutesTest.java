package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.oauth.authorize.AuthorizationFlow;
import dev.portcullis.auth.oauth.authorize.AuthorizationStep;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /auth/consents}, {@code /oauth2/userinfo}, {@code /.well-known/openid-configuration} and
 * the code grant's token response over real loopback HTTP, on the real modules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AuthorizeRoutesTest {
  private static final String ISSUER = "https://auth.example.com";
  private static final String EMAIL = "ada@example.com";
  private static final String PASSWORD = "correct horse battery staple 4 tests";
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @TempDir static Path dataDir;

  private PortcullisServer server;
  private Api api;

  @BeforeAll
  void start() {
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.token.issuer = \"" + ISSUER + "\"",
                        "auth.oauth.enabled = true",
                        "auth.oauth.clients = [{client-id = web, type = public,",
                        "  redirect-uris = [\"https://app.example.com/cb\"],",
                        "  scopes = [openid, read]}]")))
            .dataDir(dataDir)
            .build()
            .start();
    api = new Api(server.uri());
    Res r =
        api.post("/auth/register")
            .json(obj("email", EMAIL, "password", PASSWORD, "name", "Ada"))
            .send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private String code(String scope) {
    AuthorizationFlow flow = server.injector().getInstance(AuthorizationFlow.class);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("response_type", "code");
    q.put("client_id", "web");
    q.put("redirect_uri", "https://app.example.com/cb");
    q.put("scope", scope);
    q.put("code_challenge", CHALLENGE);
    q.put("code_challenge_method", "S256");
    var login = (AuthorizationStep.Login) flow.begin(q, "127.0.0.1", "t").unwrap();
    AuthorizationStep step =
        flow.login(login.interactionId(), EMAIL, PASSWORD, "127.0.0.1", "t").unwrap();
    if (step instanceof AuthorizationStep.Consent c) {
      step = flow.consent(c.interactionId(), true).unwrap();
    }
    URI location = ((AuthorizationStep.Redirect) step).location();
    return location.getQuery().replaceAll(".*code=([^&]+).*", "$1");
  }

  private Res exchange(String code) {
    return api.post("/oauth2/token")
        .raw(
            "application/x-www-form-urlencoded",
            "grant_type=authorization_code&client_id=web&code="
                + code
                + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&code_verifier="
                + VERIFIER)
        .send();
  }

  private String userToken() {
    Res r = api.post("/auth/login").json(obj("email", EMAIL, "password", PASSWORD)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.text("access_token");
  }

  @Test
  void theTokenResponse_ofTheCodeGrant_hasAnIdTokenForOpenid() {
    Res r = exchange(code("openid read"));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("id_token")).isNotBlank();
    assertThat(r.text("refresh_token")).isNotBlank();
    assertThat(r.header("Cache-Control")).contains("no-store");
  }

  @Test
  void userinfo_answersTheClaims_andChallengesAsRfc6750Says() {
    String access = exchange(code("openid read")).text("access_token");

    Res ok = api.get("/oauth2/userinfo").bearer(access).send();
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.text("email")).isEqualTo(EMAIL);
    assertThat(ok.text("name")).isEqualTo("Ada");

    Res none = api.get("/oauth2/userinfo").send();
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\"");

    Res bad = api.get("/oauth2/userinfo").bearer("not.a.token").send();
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.header("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).contains("error=\"invalid_token\""));

    String readOnly = exchange(code("read")).text("access_token");
    Res scope = api.get("/oauth2/userinfo").bearer(readOnly).send();
    assertThat(scope.status()).isEqualTo(403);
    assertThat(scope.text("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void consents_areListed_andWithdrawn_whichEndsTheClientsTokens() {
    Res tokens = exchange(code("openid read"));
    String own = userToken();

    Res list = api.get("/auth/consents").bearer(own).send();
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    assertThat(list.json().path("consents").get(0).path("client_id").asText()).isEqualTo("web");

    assertThat(api.get("/auth/consents").bearer(tokens.text("access_token")).send().status())
        .as("a client's token cannot read consents")
        .isIn(401, 403);
    assertThat(api.get("/auth/consents").send().status()).isEqualTo(401);

    assertThat(api.delete("/auth/consents/web").bearer(own).send().status()).isEqualTo(204);
    assertThat(api.delete("/auth/consents/web").bearer(own).send().status()).isEqualTo(404);
    assertThat(api.get("/oauth2/userinfo").bearer(tokens.text("access_token")).send().status())
        .isEqualTo(401);
  }

  @Test
  void openIdConfiguration_isServedUnderTheIssuer() {
    Res r = api.get("/.well-known/openid-configuration").send();

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text("issuer")).isEqualTo(ISSUER);
    assertThat(r.text("authorization_endpoint")).isEqualTo(ISSUER + "/oauth2/authorize");
    assertThat(r.text("userinfo_endpoint")).isEqualTo(ISSUER + "/oauth2/userinfo");
    assertThat(r.json().path("id_token_signing_alg_values_supported").toString())
        .isEqualTo("[\"RS256\"]");
  }
}
