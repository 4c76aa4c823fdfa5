package dev.portcullis.auth.client.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.client.BearerHttp;
import dev.portcullis.auth.client.BrowserOpener;
import dev.portcullis.auth.client.ClientError;
import dev.portcullis.auth.client.ClientResult;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.DeviceAuthorization;
import dev.portcullis.auth.client.LoginStrategy;
import dev.portcullis.auth.client.OAuthClient;
import dev.portcullis.auth.client.StoredCredentials;
import dev.portcullis.auth.client.TokenManager;
import dev.portcullis.auth.client.Tokens;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * auth-client against node-oidc-provider (issue 15: "tested against servers nobody on the team
 * wrote"): an OpenID-certified server, pinned by {@code src/test/node/package-lock.json}, started
 * on a loopback port by {@link OidcProviderProcess}. Every flow runs for each client authentication
 * it applies to: a public client ({@code none}), {@code client_secret_basic} and {@code
 * private_key_jwt}. The user's side (sign-in, consent, the device page) is {@link ScriptedBrowser}
 * on the provider's own HTML pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcProviderInteropTest {
  private static final String KEY_ID = "interop-rs256";
  private static final Map<String, String> USER = Map.of("login", "alice", "password", "anything");

  private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
  private KeyPair rsa;
  private OidcProviderProcess provider;

  @BeforeAll
  void startProvider() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa = generator.generateKeyPair();
    provider = OidcProviderProcess.start(secret, publicJwks((RSAPublicKey) rsa.getPublic()));
  }

  @AfterAll
  void stopProvider() {
    if (provider != null) {
      provider.close();
    }
  }

  /** The three ways a client authenticates to the provider, by client id. */
  Stream<Arguments> everyClient() {
    return Stream.of(
        Arguments.of("cli", "none"),
        Arguments.of("svc-basic", "client_secret_basic"),
        Arguments.of("svc-jwt", "private_key_jwt"));
  }

  Stream<Arguments> confidentialClients() {
    return everyClient().filter(a -> !a.get()[0].equals("cli"));
  }

  @Test
  void discovery_acceptsTheProvidersMetadata_whoseIssuerIsTheConfiguredOne() {
    OAuthClient client = client("cli", UnaryOperator.identity());

    assertThat(client.metadata().issuer()).isEqualTo(provider.issuer());
    assertThat(client.metadata().codeChallengeMethodsSupported()).contains("S256");
    assertThat(client.metadata().authorizationResponseIssParameterSupported()).isTrue();
  }

  @Test
  void discovery_refusesTheMetadata_whenTheConfiguredIssuerDiffersByATrailingSlash() {
    ClientResult<OAuthClient> built =
        OAuthClient.builder(URI.create(provider.issuer() + "/"), "cli").build();

    assertThat(built.isSuccess()).isFalse();
    assertThat(built.error()).isInstanceOf(ClientError.MetadataRejected.class);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("confidentialClients")
  void clientCredentials_yieldsAnAccessTokenTheProviderCallsActive(String clientId, String method)
      throws Exception {
    OAuthClient client = client(clientId, UnaryOperator.identity());

    Tokens tokens = client.clientCredentials(Set.of("api:read")).orElseThrow();

    assertThat(tokens.tokenType()).isEqualToIgnoringCase("Bearer");
    assertThat(tokens.scopes()).containsExactly("api:read");
    assertThat(tokens.refreshToken()).isNull();
    assertThat(introspect(tokens.accessToken())).contains("\"active\":true");
  }

  @Test
  void clientCredentials_withAWrongSecret_isServerRejectedAsInvalidClient() {
    OAuthClient client =
        OAuthClient.builder(provider.issuer(), "svc-basic")
            .clientSecret("not-the-secret")
            .build()
            .orElseThrow();

    ClientResult<Tokens> result = client.clientCredentials(Set.of("api:read"));

    assertThat(result.error())
        .isInstanceOfSatisfying(
            ClientError.ServerRejected.class,
            e -> assertThat(e.error()).isEqualTo("invalid_client"));
    assertThat(result.error().message()).doesNotContain("not-the-secret");
  }

  @Test
  void tokenManager_withTheClientCredentialsStrategy_getsATokenWithNoLoginAndNoStore() {
    OAuthClient client = client("svc-jwt", UnaryOperator.identity());
    TokenManager manager =
        TokenManager.of(client, CredentialStore.none(), LoginStrategy.clientCredentials(Set.of()));

    String token = manager.accessToken().orElseThrow();

    assertThat(token).isNotBlank();
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("everyClient")
  void deviceLogin_approvedOnTheProvidersPages_yieldsTokensWithARefreshToken(
      String clientId, String method) {
    List<Duration> waits = new CopyOnWriteArrayList<>();
    OAuthClient client = client(clientId, b -> b.sleeper(waits::add));
    ScriptedBrowser user = new ScriptedBrowser();

    Tokens tokens =
        client
            .deviceLogin(
                Set.of("openid"),
                prompt -> {
                  // The user types the code on the verification page, then signs in and consents.
                  HttpResponse<String> done =
                      user.walk(prompt.verificationUri(), with("user_code", prompt.userCode()));
                  assertThat(done.body()).as("%s", user.trail()).contains("Sign-in Success");
                })
            .orElseThrow();

    assertThat(tokens.refreshToken()).as("the device flow's refresh token").isNotNull();
    assertThat(tokens.idToken()).isNotNull();
    // node-oidc-provider sends no interval: the client waits the RFC 8628 default of 5 s.
    assertThat(waits).isNotEmpty().allMatch(Duration.ofSeconds(5)::equals);
  }

  @Test
  void devicePollOnce_beforeApproval_isAuthenticationPendingWithTheDefaultInterval() {
    OAuthClient client = client("cli", UnaryOperator.identity());
    DeviceAuthorization started = client.startDeviceAuthorization(Set.of("openid")).orElseThrow();

    ClientResult<Tokens> polled = client.pollOnce(started);

    assertThat(polled.error())
        .isEqualTo(new ClientError.AuthenticationPending(Duration.ofSeconds(5)));
  }

  @Test
  void deviceLogin_abortedOnTheConfirmPage_isAccessDenied() {
    OAuthClient client = client("cli", b -> b.sleeper(d -> {}));
    DeviceAuthorization started = client.startDeviceAuthorization(Set.of("openid")).orElseThrow();
    ScriptedBrowser user = new ScriptedBrowser();
    Map<String, String> abort = with("user_code", started.prompt().userCode());
    abort.put("abort", "yes");
    user.walk(started.prompt().verificationUri(), abort);

    ClientResult<Tokens> polled = client.pollOnce(started);

    assertThat(polled.error()).isInstanceOf(ClientError.AccessDenied.class);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("everyClient")
  void refresh_rotatesTheRefreshToken_andTheProviderRefusesTheOldOneAfterwards(
      String clientId, String method) {
    OAuthClient client = client(clientId, b -> b.sleeper(d -> {}));
    Tokens first = deviceLogin(client);

    Tokens second = client.refresh(first.refreshToken(), Set.of()).orElseThrow();
    ClientResult<Tokens> replay = client.refresh(first.refreshToken(), Set.of());

    assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThat(replay.error()).isInstanceOf(ClientError.AccessTokenNotFound.class);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("everyClient")
  void browserLogin_withPkce_throughTheProvidersSignInAndConsentPages_yieldsTokens(
      String clientId, String method) throws Exception {
    OAuthClient client = client(clientId, UnaryOperator.identity());
    AtomicReference<URI> opened = new AtomicReference<>();
    List<CompletableFuture<HttpResponse<String>>> walks = new ArrayList<>();
    ScriptedBrowser user = new ScriptedBrowser();
    BrowserOpener opener =
        uri -> {
          opened.set(uri);
          walks.add(CompletableFuture.supplyAsync(() -> user.walk(uri, USER)));
        };

    Tokens tokens =
        client.browserLogin(Set.of("openid"), opener, Duration.ofSeconds(60)).orElseThrow();

    Map<String, String> query = query(opened.get());
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "code_challenge", "nonce", "redirect_uri");
    assertThat(query.get("redirect_uri")).startsWith("http://127.0.0.1:").endsWith("/callback");
    assertThat(tokens.refreshToken()).isNotNull();
    assertThat(tokens.idToken()).isNotNull();
    walks.get(0).get();
  }

  @Test
  void bearerHttp_whenTheProviderCallsTheAccessTokenInvalid_refreshesOnceAndRetries() {
    OAuthClient client = client("cli", b -> b.sleeper(d -> {}));
    CredentialStore store = CredentialStore.inMemory();
    TokenManager manager = TokenManager.of(client, store, LoginStrategy.none());
    Tokens first = deviceLogin(client, Set.of("openid"));
    // An access token the provider no longer knows (as after a restart of its in-memory store)
    // that the client still takes for valid, next to a refresh token the provider does know.
    store.save(
        client.credentialKey(),
        new StoredCredentials(
            "an-access-token-the-provider-forgot",
            first.expiresAt(),
            first.refreshToken(),
            first.scopes()));
    BearerHttp http = BearerHttp.of(HttpClient.newHttpClient(), manager);

    HttpResponse<String> response =
        http.send(userinfo(), HttpResponse.BodyHandlers.ofString()).orElseThrow();

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).contains("\"sub\":\"alice\"");
    StoredCredentials now = store.load(client.credentialKey()).orElseThrow();
    assertThat(now.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
  }

  @Test
  void bearerHttp_afterTheAccessTokenWasRevoked_isAccessTokenNotFound_andOnlyTheRefreshTokenGoes()
      throws Exception {
    OAuthClient client = client("cli", b -> b.sleeper(d -> {}));
    CredentialStore store = CredentialStore.inMemory();
    TokenManager manager = TokenManager.of(client, store, LoginStrategy.none());
    Tokens tokens = deviceLogin(client, Set.of("openid"));
    manager.store(tokens);
    BearerHttp http = BearerHttp.of(HttpClient.newHttpClient(), manager);
    assertThat(
            http.send(userinfo(), HttpResponse.BodyHandlers.ofString()).orElseThrow().statusCode())
        .isEqualTo(200);

    // node-oidc-provider revokes every token of the grant with it, the refresh token included.
    revoke(tokens.accessToken());
    ClientResult<HttpResponse<String>> after =
        http.send(userinfo(), HttpResponse.BodyHandlers.ofString());

    assertThat(after.error()).isInstanceOf(ClientError.AccessTokenNotFound.class);
    assertThat(store.load(client.credentialKey()).map(StoredCredentials::refreshToken)).isEmpty();
  }

  @Test
  void bearerHttp_onA403InsufficientScope_returnsItAndKeepsTheCredentialsUntouched() {
    OAuthClient client = client("cli", b -> b.sleeper(d -> {}));
    CredentialStore store = CredentialStore.inMemory();
    TokenManager manager = TokenManager.of(client, store, LoginStrategy.none());
    // No openid scope: node-oidc-provider's userinfo answers 403 insufficient_scope.
    Tokens tokens = deviceLogin(client, Set.of("offline_access"));
    manager.store(tokens);
    BearerHttp http = BearerHttp.of(HttpClient.newHttpClient(), manager);

    HttpResponse<String> response =
        http.send(userinfo(), HttpResponse.BodyHandlers.ofString()).orElseThrow();

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().allValues("WWW-Authenticate").toString())
        .contains("insufficient_scope");
    StoredCredentials now = store.load(client.credentialKey()).orElseThrow();
    assertThat(now.accessToken()).isEqualTo(tokens.accessToken());
    assertThat(now.refreshToken()).isEqualTo(tokens.refreshToken());
  }

  private HttpRequest.Builder userinfo() {
    return HttpRequest.newBuilder(URI.create(provider.issuer() + "/me"));
  }

  private void revoke(String token) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(provider.issuer() + "/token/revocation"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "client_id=cli&token_type_hint=access_token&token=" + token))
            .build();
    assertThat(
            HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode())
        .isEqualTo(200);
  }

  private Tokens deviceLogin(OAuthClient client) {
    return deviceLogin(client, Set.of("openid"));
  }

  private Tokens deviceLogin(OAuthClient client, Set<String> scopes) {
    ScriptedBrowser user = new ScriptedBrowser();
    return client
        .deviceLogin(
            scopes,
            prompt -> user.walk(prompt.verificationUri(), with("user_code", prompt.userCode())))
        .orElseThrow();
  }

  private OAuthClient client(String clientId, UnaryOperator<OAuthClient.Builder> customize) {
    OAuthClient.Builder builder = OAuthClient.builder(provider.issuer(), clientId);
    switch (clientId) {
      case "svc-basic" -> builder.clientSecret(secret);
      case "svc-jwt" -> builder.privateKeyJwt(rsa.getPrivate(), KEY_ID, "RS256");
      default -> {}
    }
    return customize.apply(builder).build().orElseThrow();
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> fields = new LinkedHashMap<>(USER);
    fields.put(name, value);
    return fields;
  }

  /** The provider's introspection answer for {@code token}, asked as svc-basic. */
  private String introspect(String token) throws IOException, InterruptedException {
    String basic =
        Base64.getEncoder()
            .encodeToString(("svc-basic:" + secret).getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(provider.issuer() + "/token/introspection"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
            .build();
    return HttpClient.newHttpClient()
        .send(request, HttpResponse.BodyHandlers.ofString())
        .body()
        .replace(" ", "");
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  private static String publicJwks(RSAPublicKey key) {
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
        + KEY_ID
        + "\",\"n\":\""
        + base64Url(key.getModulus())
        + "\",\"e\":\""
        + base64Url(key.getPublicExponent())
        + "\"}]}";
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
