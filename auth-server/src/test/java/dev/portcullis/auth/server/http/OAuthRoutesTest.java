package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.jwt.OAuthTokens.ActiveToken;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OAuth endpoints over real loopback HTTP, with the client authenticator and the OAuth tokens
 * faked ({@link OAuthFakes}): content types, statuses, headers and error bodies as strict OAuth
 * clients read them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class OAuthRoutesTest {
  private static final String ISSUER = "https://auth.example.com";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String JSON = "application/json;charset=UTF-8";

  @TempDir static Path dataDir;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final OAuthFakes fakes = new OAuthFakes(clock);
  private PortcullisServer server;
  private Api api;

  static OAuthSettings oauth(boolean enabled) {
    return new OAuthSettings(
        enabled,
        List.of(),
        Map.of("read", "Read", "write", "Write"),
        null,
        Duration.ofMinutes(1),
        false,
        Duration.ZERO,
        Duration.ofDays(30),
        dev.portcullis.auth.oauth.device.DeviceSettings.defaults());
  }

  @BeforeAll
  void start() {
    fakes.clients.clients.put("svc", OAuthFakes.confidential("svc", Set.of("read", "write")));
    fakes.clients.clients.put("other", OAuthFakes.confidential("other", Set.of("read")));
    fakes.clients.clients.put("buggy", OAuthFakes.confidential("buggy", Set.of("read")));
    fakes.clients.clients.put("down", OAuthFakes.confidential("down", Set.of("read")));
    fakes.clients.clients.put("spa", OAuthFakes.publicClient("spa"));
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.server.trusted-proxies = \"127.0.0.1, ::1\"",
                        "auth.server.max-body-bytes = 1024",
                        "auth.token.issuer = \"" + ISSUER + "\"")))
            .dataDir(dataDir)
            .clock(clock)
            .oauth(oauth(true))
            .overrides(fakes.module())
            .build()
            .start();
    api = new Api(server.uri());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static String basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private Res token(String auth, String form) {
    Api.Req req = api.post("/oauth2/token").raw(FORM, form);
    if (auth != null) {
      req.header("Authorization", auth);
    }
    return req.send();
  }

  /** application/json in UTF-8 (Jetty writes the charset in lower case), never problem+json. */
  private static void assertJson(Res r) {
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).isEqualToIgnoringCase(JSON));
  }

  private static void assertOAuthError(Res r, int status, String error) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertJson(r);
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Pragma")).contains("no-cache");
    assertThat(r.json().path("error").asText()).isEqualTo(error);
    assertThat(r.json().size()).isLessThanOrEqualTo(2);
    String description = r.json().path("error_description").asText();
    assertThat(description).matches("[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*");
  }

  // --- token -------------------------------------------------------------------------------

  @Test
  void clientCredentials_withBasic_answersANoStoreTokenResponse() {
    Res r = token(basic("svc", OAuthFakes.SECRET), "grant_type=client_credentials&scope=read");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertJson(r);
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Pragma")).contains("no-cache");
    assertThat(r.text("access_token")).isEqualTo("at-svc");
    assertThat(r.text("token_type")).isEqualTo("Bearer");
    assertThat(r.json().path("expires_in").asLong()).isEqualTo(900);
    assertThat(r.text("scope")).isEqualTo("read");
    assertThat(r.json().has("refresh_token")).isFalse();
  }

  @Test
  void clientSecretPost_andACharsetParameter_areAccepted() {
    Res r =
        api.post("/oauth2/token")
            .raw(
                FORM + "; charset=UTF-8",
                "grant_type=client_credentials&client_id=svc&client_secret="
                    + URLEncoder.encode(OAuthFakes.SECRET, StandardCharsets.UTF_8)
                    + "&scope=read+write")
            .send();

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("scope")).isEqualTo("read write");
  }

  @Test
  void refresh_answersTheRotatedRefreshToken() {
    fakes.tokens.refreshOwners.put("rt-1", "svc");

    Res r = token(basic("svc", OAuthFakes.SECRET), "grant_type=refresh_token&refresh_token=rt-1");

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.text("refresh_token")).isEqualTo("rt-next");
    assertThat(r.header("Cache-Control")).contains("no-store");
  }

  @Test
  void wrongSecret_is401WithABasicChallenge_andAnOAuthError() {
    Res r = token(basic("svc", "wrong"), "grant_type=client_credentials");

    assertOAuthError(r, 401, "invalid_client");
    assertThat(r.header("WWW-Authenticate")).contains("Basic realm=\"" + ISSUER + "\"");
  }

  @Test
  void invalidClient_withoutTheAuthorizationHeader_isAlso401() {
    Res r = token(null, "grant_type=client_credentials&client_id=svc&client_secret=wrong");

    assertOAuthError(r, 401, "invalid_client");
    assertThat(r.header("WWW-Authenticate")).isPresent();
  }

  @Test
  void jsonBody_isInvalidRequest_inOAuthJson() {
    Res r =
        api.post("/oauth2/token")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw("application/json", "{\"grant_type\":\"client_credentials\"}")
            .send();

    assertOAuthError(r, 400, "invalid_request");
    assertThat(r.text("error_description")).contains("Content-Type");
  }

  @Test
  void missingContentType_andAnotherCharset_areInvalidRequest() {
    Res none =
        api.post("/oauth2/token").header("Authorization", basic("svc", OAuthFakes.SECRET)).send();
    Res latin1 =
        api.post("/oauth2/token")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM + "; charset=ISO-8859-1", "grant_type=client_credentials")
            .send();

    assertOAuthError(none, 400, "invalid_request");
    assertOAuthError(latin1, 400, "invalid_request");
  }

  @Test
  void repeatedParameter_isInvalidRequest_namingIt() {
    Res r =
        token(
            basic("svc", OAuthFakes.SECRET),
            "grant_type=client_credentials&scope=read&scope=write");

    assertOAuthError(r, 400, "invalid_request");
    assertThat(r.text("error_description")).contains("scope").contains("more than once");
  }

  @Test
  void queryParameters_areNotRead() {
    Res r =
        api.post("/oauth2/token?grant_type=client_credentials")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM, "scope=read")
            .send();

    assertOAuthError(r, 400, "invalid_request");
    assertThat(r.text("error_description")).contains("grant_type");
  }

  @Test
  void passwordGrant_isUnsupportedGrantType() {
    Res r =
        token(
            basic("svc", OAuthFakes.SECRET),
            "grant_type=password&username=someone&password=hunter2");

    assertOAuthError(r, 400, "unsupported_grant_type");
    assertThat(r.body()).doesNotContain("hunter2");
  }

  @Test
  void scopeNotRegistered_isInvalidScope_with400() {
    Res r = token(basic("other", OAuthFakes.SECRET), "grant_type=client_credentials&scope=write");

    assertOAuthError(r, 400, "invalid_scope");
  }

  @Test
  void bodyOverTheLimit_isAnOAuthError_notProblemJson() {
    Res r =
        token(
            basic("svc", OAuthFakes.SECRET), "grant_type=client_credentials&x=" + "a".repeat(2000));

    assertOAuthError(r, 400, "invalid_request");
    assertThat(r.text("error_description")).contains("max-body-bytes");
  }

  @Test
  void wrongMethod_andUnknownOAuthPath_areOAuthErrors() {
    Res get = api.get("/oauth2/token").send();
    Res unknown = api.post("/oauth2/no-such-endpoint").raw(FORM, "a=b").send();

    assertThat(get.status()).isIn(404, 405);
    assertOAuthError(get, get.status(), "invalid_request");
    assertOAuthError(unknown, 404, "invalid_request");
  }

  @Test
  void unexpectedFailure_isServerError_withoutItsMessage() {
    Res r = token(basic("buggy", OAuthFakes.SECRET), "grant_type=client_credentials");

    assertOAuthError(r, 500, "server_error");
    assertThat(r.body()).doesNotContain(OAuthFakes.SECRET).doesNotContain("IllegalState");
  }

  @Test
  void storeDown_is503TemporarilyUnavailable_withAFixedDescription() {
    Res r = token(basic("down", OAuthFakes.SECRET), "grant_type=client_credentials");

    assertOAuthError(r, 503, "temporarily_unavailable");
    assertThat(r.body()).doesNotContain("jdbc").doesNotContain("pool");
  }

  // --- revoke ------------------------------------------------------------------------------

  @Test
  void revoke_answers200WithAnEmptyBody_forOwnAndUnknownTokens() {
    fakes.tokens.refreshOwners.put("rt-revoke", "svc");

    Res own =
        api.post("/oauth2/revoke")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM, "token=rt-revoke&token_type_hint=refresh_token")
            .send();
    Res unknown =
        api.post("/oauth2/revoke")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM, "token=never-issued&token_type_hint=something_else")
            .send();

    assertThat(own.status()).as(own.toString()).isEqualTo(200);
    assertThat(own.body()).isEmpty();
    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.body()).isEmpty();
    assertThat(fakes.tokens.revoked).contains("rt-revoke");
  }

  @Test
  void revoke_tokenOfAnotherClient_isUnauthorizedClient() {
    fakes.tokens.refreshOwners.put("rt-theirs", "other");

    Res r =
        api.post("/oauth2/revoke")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM, "token=rt-theirs")
            .send();

    assertOAuthError(r, 400, "unauthorized_client");
    assertThat(fakes.tokens.refreshOwners).containsKey("rt-theirs");
  }

  @Test
  void revoke_byAPublicClient_andWithoutToken() {
    fakes.tokens.refreshOwners.put("rt-spa", "spa");

    Res ok = api.post("/oauth2/revoke").raw(FORM, "client_id=spa&token=rt-spa").send();
    Res missing = api.post("/oauth2/revoke").raw(FORM, "client_id=spa").send();

    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertOAuthError(missing, 400, "invalid_request");
  }

  // --- introspect --------------------------------------------------------------------------

  @Test
  void introspect_activeAndInactive() {
    Instant now = clock.instant();
    fakes.tokens.active.put(
        "at-live",
        new ActiveToken(
            ActiveToken.ACCESS_TOKEN,
            "svc",
            "svc",
            Set.of("read"),
            List.of(ISSUER),
            ISSUER,
            "jti-9",
            null,
            now,
            now.plusSeconds(60),
            Map.of()));

    Res active =
        api.post("/oauth2/introspect")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM, "token=at-live")
            .send();
    Res inactive =
        api.post("/oauth2/introspect")
            .header("Authorization", basic("svc", OAuthFakes.SECRET))
            .raw(FORM, "token=gone")
            .send();
    Res notTheirs =
        api.post("/oauth2/introspect")
            .header("Authorization", basic("other", OAuthFakes.SECRET))
            .raw(FORM, "token=at-live")
            .send();

    assertThat(active.status()).as(active.toString()).isEqualTo(200);
    assertJson(active);
    assertThat(active.header("Cache-Control")).contains("no-store");
    assertThat(active.json().path("active").asBoolean()).isTrue();
    assertThat(active.text("client_id")).isEqualTo("svc");
    assertThat(active.text("token_type")).isEqualTo("Bearer");
    assertThat(inactive.body()).isEqualTo("{\"active\":false}");
    assertThat(notTheirs.body()).isEqualTo("{\"active\":false}");
  }

  @Test
  void introspect_byAPublicClient_is401() {
    Res r = api.post("/oauth2/introspect").raw(FORM, "client_id=spa&token=x").send();

    assertOAuthError(r, 401, "invalid_client");
  }

  // --- metadata ----------------------------------------------------------------------------

  @Test
  void metadata_isTheConfiguredIssuer_cacheableJson() {
    Res r = api.get("/.well-known/oauth-authorization-server").send();

    assertThat(r.status()).isEqualTo(200);
    assertJson(r);
    assertThat(r.header("Cache-Control")).contains("public, max-age=300");
    assertThat(r.text("issuer")).isEqualTo(ISSUER);
    assertThat(r.text("token_endpoint")).isEqualTo(ISSUER + "/oauth2/token");
    assertThat(r.json().path("grant_types_supported").toString())
        .isEqualTo(
            "[\"authorization_code\",\"client_credentials\",\"refresh_token\","
                + "\"urn:ietf:params:oauth:grant-type:device_code\"]");
  }

  @Test
  void metadata_ignoresAForgedHostAndForwardedHost() throws Exception {
    RawHttp.Answer a =
        RawHttp.exchange(
            server.port(),
            "GET /.well-known/oauth-authorization-server HTTP/1.1\r\n"
                + "Host: evil.example\r\n"
                + "X-Forwarded-Host: evil.example\r\n"
                + "X-Forwarded-Proto: http\r\n"
                + "Forwarded: host=evil.example;proto=http\r\n"
                + "Connection: close\r\n\r\n");

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body()).doesNotContain("evil").contains("\"issuer\":\"" + ISSUER + "\"");
  }

  @Test
  void metadata_answersHead_withTheSameHeadersAndNoBody() {
    Res r = api.head("/.well-known/oauth-authorization-server").send();

    assertThat(r.status()).isEqualTo(200);
    assertJson(r);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void metadata_refusesPost_inOAuthJson() {
    Res r = api.post("/.well-known/oauth-authorization-server").raw(FORM, "a=b").send();

    assertThat(r.status()).isIn(404, 405);
    assertJson(r);
  }
}
