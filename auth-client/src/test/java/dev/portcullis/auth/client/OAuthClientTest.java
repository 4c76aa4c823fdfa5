package dev.portcullis.auth.client;

import static dev.portcullis.auth.client.FakeAuthorizationServer.error;
import static dev.portcullis.auth.client.FakeAuthorizationServer.json;
import static dev.portcullis.auth.client.FakeAuthorizationServer.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.client.internal.Discovery;
import dev.portcullis.auth.client.internal.Form;
import dev.portcullis.auth.client.internal.Json;
import dev.portcullis.auth.client.internal.Randoms;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class OAuthClientTest {
  private final FakeAuthorizationServer server = FakeAuthorizationServer.start();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    server.close();
  }

  private OAuthClient.Builder builder(String clientId) {
    return OAuthClient.builder(server.issuer(), clientId).clock(time).sleeper(time.sleeper());
  }

  private OAuthClient publicClient() {
    return builder("cli").build().orElseThrow();
  }

  // --- discovery -----------------------------------------------------------------------------

  @Test
  void discovery_fallsBackToTheOpenidConfiguration() {
    server.oauthMetadata = false;

    OAuthClient client = publicClient();

    assertThat(client.metadata().tokenEndpoint()).isEqualTo(server.uri("/token"));
    assertThat(server.requests("/.well-known/oauth-authorization-server")).hasSize(1);
    assertThat(server.requests("/.well-known/openid-configuration")).hasSize(1);
  }

  @Test
  void discovery_insertsTheWellKnownPathBeforeTheIssuersPath() {
    assertThat(Discovery.locations(URI.create("https://auth.example.com/tenant/a")))
        .containsExactly(
            URI.create("https://auth.example.com/.well-known/oauth-authorization-server/tenant/a"),
            URI.create("https://auth.example.com/tenant/a/.well-known/openid-configuration"));
  }

  @Test
  void discovery_ofAnUnreachableServer_isRetriable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    ClientResult<OAuthClient> built =
        OAuthClient.builder(URI.create("http://127.0.0.1:" + port), "cli").build();

    assertThat(built.error()).isInstanceOf(ClientError.Retriable.class);
  }

  @Test
  void discovery_aTrailingSlashIsAnotherIssuer() {
    ClientResult<OAuthClient> built =
        OAuthClient.builder(URI.create(server.issuer() + "/"), "cli").build();

    assertThat(built.error()).isInstanceOf(ClientError.MetadataRejected.class);
  }

  @Test
  void discovery_ofADocumentThatIsNotJson_isMetadataRejected() {
    server.extraMetadata = ",broken";

    assertThat(builder("cli").build().error()).isInstanceOf(ClientError.MetadataRejected.class);
  }

  @Test
  void aTokenEndpointAnsweringAnHtmlPage_isAnInvalidResponseNamingTheStatus() {
    server.token =
        r ->
            new FakeAuthorizationServer.Reply(
                403, "<html>blocked</html>", Map.of("Content-Type", "text/html"), false);

    ClientError error = publicClient().refresh("rt", Set.of()).error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(error.message()).contains("HTTP 403");
  }

  @Test
  void discovery_ofAnHttpsIssuer_refusesAPlainHttpEndpoint() {
    URI issuer = URI.create("https://auth.example.com");
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer.toString());
    document.put("token_endpoint", "https://auth.example.com/token");
    assertThat(Discovery.parse(issuer, issuer, document).isSuccess()).isTrue();

    document.put("device_authorization_endpoint", "http://auth.example.com/device");

    assertThat(Discovery.parse(issuer, issuer, document).error().message())
        .contains("device_authorization_endpoint that is not https");
  }

  @Test
  void build_refusesPlainHttpUnlessLoopback() {
    assertThatThrownBy(
            () -> OAuthClient.builder(URI.create("http://auth.example.com"), "c").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not https")
        .hasMessageContaining("loopback");
  }

  @Test
  void build_refusesBothASecretAndAKey() throws Exception {
    KeyPair pair = ecKeyPair();

    assertThatThrownBy(
            () ->
                builder("svc")
                    .clientSecret("s")
                    .privateKeyJwt(pair.getPrivate(), "k", "ES256")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("both clientSecret and privateKeyJwt");
  }

  // --- client authentication -----------------------------------------------------------------

  @Test
  void clientSecretBasic_formEncodesBothHalvesBeforeBase64() {
    server.token = r -> tokens("at", null, 60);
    OAuthClient client = builder("svc:1").clientSecret("s e+c:r%t").build().orElseThrow();

    client.clientCredentials(Set.of("read")).orElseThrow();

    String header = server.requests("/token").get(0).header("Authorization");
    String decoded =
        new String(
            Base64.getDecoder().decode(header.substring("Basic ".length())),
            StandardCharsets.UTF_8);
    assertThat(decoded).isEqualTo("svc%3A1:s+e%2Bc%3Ar%25t");
    assertThat(server.requests("/token").get(0).form()).doesNotContainKey("client_secret");
  }

  @Test
  void privateKeyJwt_es256_sendsAnAssertionThePublicKeyVerifies() throws Exception {
    KeyPair pair = ecKeyPair();
    server.token = r -> tokens("at", null, 60);
    OAuthClient client =
        builder("svc").privateKeyJwt(pair.getPrivate(), "key-1", "ES256").build().orElseThrow();

    client.clientCredentials(Set.of()).orElseThrow();
    client.clientCredentials(Set.of()).orElseThrow();

    Map<String, String> form = server.requests("/token").get(0).form();
    assertThat(form)
        .containsEntry(
            "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        .containsEntry("client_id", "svc");
    String[] jwt = form.get("client_assertion").split("\\.");
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(pair.getPublic());
    verifier.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(verifier.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    Map<String, Object> header = Json.parseObject(decode(jwt[0]));
    Map<String, Object> claims = Json.parseObject(decode(jwt[1]));
    assertThat(header).containsEntry("alg", "ES256").containsEntry("kid", "key-1");
    assertThat(claims)
        .containsEntry("iss", "svc")
        .containsEntry("sub", "svc")
        .containsEntry("aud", server.issuer().toString())
        .containsEntry("iat", time.instant().getEpochSecond())
        .containsEntry("exp", time.instant().getEpochSecond() + 60);
    String otherJti =
        (String)
            Json.parseObject(
                    decode(
                        server
                            .requests("/token")
                            .get(1)
                            .form()
                            .get("client_assertion")
                            .split("\\.")[1]))
                .get("jti");
    assertThat(claims.get("jti")).isNotEqualTo(otherJti);
  }

  @Test
  void privateKeyJwt_refusesAnAlgorithmThatDoesNotFitTheKey() throws Exception {
    KeyPair pair = ecKeyPair();

    assertThatThrownBy(() -> builder("svc").privateKeyJwt(pair.getPrivate(), "k", "RS256").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot sign RS256");
    assertThatThrownBy(() -> builder("svc").privateKeyJwt(pair.getPrivate(), "k", "HS256").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RS256 (RSA key), ES256 (P-256 key) or EdDSA");
  }

  @Test
  void clientCredentials_ofAPublicClient_isAMisconfiguration() {
    assertThatThrownBy(() -> publicClient().clientCredentials(Set.of()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(".clientSecret(...) or .privateKeyJwt(...)");
  }

  // --- token responses -----------------------------------------------------------------------

  @Test
  void aTokenTypeOtherThanBearer_isAnInvalidResponse() {
    server.token =
        r -> json(200, "{\"access_token\":\"secret-at\",\"token_type\":\"mac\",\"expires_in\":60}");

    ClientError error = publicClient().refresh("rt", Set.of()).error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(error.message()).contains("mac").doesNotContain("secret-at");
  }

  @Test
  void aBodyThatIsNotJson_isAnInvalidResponse_thatDoesNotQuoteIt() {
    server.token = r -> json(200, "access_token=secret-at&oops");

    ClientError error = publicClient().refresh("rt", Set.of()).error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(error.message()).doesNotContain("secret-at");
  }

  @Test
  void scopes_areTheGrantedOnes_orTheRequestedWhenTheServerListsNone() {
    server.token =
        r ->
            json(
                200,
                "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":60,"
                    + "\"scope\":\"read\"}");
    assertThat(publicClient().refresh("rt", Set.of("read", "write")).value().scopes())
        .containsExactly("read");

    server.token = r -> tokens("a", null, 60);
    assertThat(publicClient().refresh("rt", Set.of("read", "write")).value().scopes())
        .containsExactlyInAnyOrder("read", "write");
    assertThat(server.requests("/token").get(1).form()).containsEntry("scope", "read write");
  }

  @Test
  void expiresAt_isReadByTheClock() {
    server.token = r -> tokens("a", null, 120);

    Tokens tokens = publicClient().refresh("rt", Set.of()).orElseThrow();

    assertThat(tokens.expiresAt()).isEqualTo(time.instant().plusSeconds(120));
    assertThat(tokens.toString()).doesNotContain("a,").contains("refreshToken=none");
  }

  // --- device flow ---------------------------------------------------------------------------

  @Test
  void pollOnce_afterTheCodeExpired_doesNotAskTheServer() {
    server.device =
        r ->
            json(
                200,
                "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":"
                    + "\"https://x.example/device\",\"expires_in\":30,\"interval\":7}");
    OAuthClient client = publicClient();
    DeviceAuthorization started = client.startDeviceAuthorization(Set.of("read")).orElseThrow();
    assertThat(started.interval()).isEqualTo(Duration.ofSeconds(7));
    assertThat(started.toString()).doesNotContain("dc");

    time.advance(Duration.ofSeconds(30));

    assertThat(client.pollOnce(started).error()).isInstanceOf(ClientError.ExpiredToken.class);
    assertThat(server.requests("/token")).isEmpty();
  }

  @Test
  void pollOnce_pendingCarriesTheInterval_andSlowDownAddsFive() {
    server.device =
        r ->
            json(
                200,
                "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":"
                    + "\"https://x.example/device\",\"expires_in\":300}");
    OAuthClient client = publicClient();
    DeviceAuthorization started = client.startDeviceAuthorization(Set.of()).orElseThrow();

    server.token = r -> error(400, "authorization_pending");
    assertThat(client.pollOnce(started).error())
        .isEqualTo(new ClientError.AuthenticationPending(Duration.ofSeconds(5)));
    server.token = r -> error(400, "slow_down");
    assertThat(client.pollOnce(started).error())
        .isEqualTo(new ClientError.AuthenticationPending(Duration.ofSeconds(10)));
    assertThat(server.requests("/token").get(0).form())
        .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:device_code")
        .containsEntry("device_code", "dc")
        .containsEntry("client_id", "cli");
  }

  @Test
  void deviceLogin_accessDeniedIsFinal() {
    server.device =
        r ->
            json(
                200,
                "{\"device_code\":\"dc\",\"user_code\":\"U\",\"verification_uri\":"
                    + "\"https://x.example/device\",\"expires_in\":300}");
    server.token = r -> error(400, "access_denied");

    ClientError error = publicClient().deviceLogin(Set.of(), p -> {}).error();

    assertThat(error).isInstanceOf(ClientError.AccessDenied.class);
    assertThat(server.requests("/token")).hasSize(1);
  }

  // --- browser login -------------------------------------------------------------------------

  /**
   * A browser that goes straight to the redirect URI with what {@code answer} makes of the query.
   */
  private static BrowserOpener redirecting(
      Function<Map<String, String>, Map<String, String>> answer) {
    return uri -> {
      Map<String, String> query = Form.decode(uri.getRawQuery());
      URI callback = URI.create(query.get("redirect_uri") + "?" + Form.encode(answer.apply(query)));
      try {
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.discarding());
      } catch (InterruptedException e) {
        throw new java.io.IOException(e);
      }
    };
  }

  private Map<String, String> approved(Map<String, String> query) {
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("code", "the-code");
    answer.put("state", query.get("state"));
    answer.put("iss", server.issuer().toString());
    return answer;
  }

  @Test
  void browserLogin_sendsPkceS256_andRedeemsTheCodeWithItsVerifier() {
    server.token = r -> tokens("at", "rt", 60);
    Map<String, String> sent = new LinkedHashMap<>();

    Tokens tokens =
        publicClient()
            .browserLogin(
                Set.of("read"),
                redirecting(
                    q -> {
                      sent.putAll(q);
                      return approved(q);
                    }),
                Duration.ofSeconds(10))
            .orElseThrow();

    assertThat(tokens.accessToken()).isEqualTo("at");
    assertThat(sent)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", "cli")
        .containsEntry("code_challenge_method", "S256")
        .doesNotContainKey("nonce");
    assertThat(sent.get("redirect_uri")).matches("http://127\\.0\\.0\\.1:\\d+/callback");
    assertThat(Base64.getUrlDecoder().decode(sent.get("state"))).hasSize(32);
    Map<String, String> redeemed = server.requests("/token").get(0).form();
    assertThat(redeemed)
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", "the-code")
        .containsEntry("redirect_uri", sent.get("redirect_uri"));
    assertThat(Randoms.s256(redeemed.get("code_verifier"))).isEqualTo(sent.get("code_challenge"));
  }

  @Test
  void browserLogin_aForeignState_isRefusedAndNoCodeIsRedeemed() {
    ClientError error =
        publicClient()
            .browserLogin(
                Set.of(),
                redirecting(
                    q -> {
                      Map<String, String> a = approved(q);
                      a.put("state", "forged");
                      return a;
                    }),
                Duration.ofSeconds(10))
            .error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(error.message()).contains("state");
    assertThat(server.requests("/token")).isEmpty();
  }

  @Test
  void browserLogin_anIssOfAnotherServer_isRefused() {
    ClientError error =
        publicClient()
            .browserLogin(
                Set.of(),
                redirecting(
                    q -> {
                      Map<String, String> a = approved(q);
                      a.put("iss", "https://evil.example.com");
                      return a;
                    }),
                Duration.ofSeconds(10))
            .error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(error.message()).contains("RFC 9207");
    assertThat(server.requests("/token")).isEmpty();
  }

  @Test
  void browserLogin_withoutIss_isRefusedWhenTheServerAnnouncesIt() {
    server.extraMetadata = ",\"authorization_response_iss_parameter_supported\":true";

    ClientError error =
        publicClient()
            .browserLogin(
                Set.of(),
                redirecting(
                    q -> {
                      Map<String, String> a = approved(q);
                      a.remove("iss");
                      return a;
                    }),
                Duration.ofSeconds(10))
            .error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(server.requests("/token")).isEmpty();
  }

  @Test
  void browserLogin_openid_checksTheIdTokensNonce() {
    String idToken =
        "eyJhbGciOiJub25lIn0."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"nonce\":\"other\"}".getBytes(StandardCharsets.UTF_8))
            + ".";
    server.token =
        r ->
            json(
                200,
                "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60,"
                    + "\"id_token\":\""
                    + idToken
                    + "\"}");

    ClientError error =
        publicClient()
            .browserLogin(Set.of("openid"), redirecting(this::approved), Duration.ofSeconds(10))
            .error();

    assertThat(error).isInstanceOf(ClientError.InvalidResponse.class);
    assertThat(error.message()).contains("nonce");
  }

  @Test
  void browserLogin_deniedByTheUser_isAccessDenied() {
    ClientError error =
        publicClient()
            .browserLogin(
                Set.of(),
                redirecting(
                    q ->
                        Map.of(
                            "error", "access_denied",
                            "state", q.get("state"),
                            "iss", server.issuer().toString())),
                Duration.ofSeconds(10))
            .error();

    assertThat(error).isInstanceOf(ClientError.AccessDenied.class);
  }

  @Test
  void browserLogin_withoutACallback_timesOut() {
    ClientError error =
        publicClient().browserLogin(Set.of(), uri -> {}, Duration.ofMillis(200)).error();

    assertThat(error).isInstanceOf(ClientError.LoginTimedOut.class);
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static KeyPair ecKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
