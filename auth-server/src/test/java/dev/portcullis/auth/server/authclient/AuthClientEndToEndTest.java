package dev.portcullis.auth.server.authclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.client.BrowserOpener;
import dev.portcullis.auth.client.ClientError;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.DevicePrompt;
import dev.portcullis.auth.client.LoginStrategy;
import dev.portcullis.auth.client.OAuthClient;
import dev.portcullis.auth.client.Sleeper;
import dev.portcullis.auth.client.StoredCredentials;
import dev.portcullis.auth.client.TokenManager;
import dev.portcullis.auth.client.Tokens;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * auth-client against the real Portcullis server in process on a loopback port: client credentials
 * (client_secret_basic and private_key_jwt), the device flow approved in process ({@link
 * DeviceFlow}) with its tokens in a file store that survives a restart, refresh rotation (the old
 * refresh token is refused afterwards), and code + PKCE through {@code browserLogin} with a {@link
 * BrowserOpener} that drives the server's login and consent pages over HTTP with a cookie jar.
 * Server and client share one clock, which the client's sleeper moves: nothing sleeps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AuthClientEndToEndTest {
  private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  private static final String EMAIL = "grace@example.com";
  private static final String PASSWORD = "correct horse battery staple 4 clients";

  @TempDir static Path dataDir;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final String serviceSecret = "service-secret-" + System.nanoTime();
  private KeyPair serviceKey;
  private PortcullisServer server;
  private URI issuer;

  @BeforeAll
  void start() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    serviceKey = generator.generateKeyPair();
    int port = freeLoopbackPort();
    issuer = URI.create("http://127.0.0.1:" + port);
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.token.issuer = \"" + issuer + "\"",
                        "auth.token.algorithm = RS256",
                        "auth.oauth.enabled = true",
                        "auth.oauth.scopes = [{name = openid, description = \"Sign you in\"},",
                        "  {name = read, description = \"Read your things\"},",
                        "  {name = write, description = \"Change your things\"}]",
                        "auth.oauth.clients = [",
                        "  {client-id = cli, display-name = \"CLI\", type = public,",
                        "   grant-types = [\""
                            + DEVICE_GRANT
                            + "\", refresh_token,"
                            + " authorization_code],",
                        "   redirect-uris = [\"http://127.0.0.1/callback\"],",
                        "   scopes = [openid, read, write]},",
                        "  {client-id = svc, display-name = \"Service\", type = confidential,",
                        "   auth-methods = [client_secret_basic],",
                        "   client-secret-hash = \"" + sha256(serviceSecret) + "\",",
                        "   grant-types = [client_credentials], scopes = [read]},",
                        "  {client-id = svc-jwt, display-name = \"Service (key)\","
                            + " type = confidential,",
                        "   auth-methods = [private_key_jwt],",
                        "   jwks = \"\"\"" + jwks((ECPublicKey) serviceKey.getPublic()) + "\"\"\",",
                        "   grant-types = [client_credentials], scopes = [read]}",
                        "]")))
            .dataDir(dataDir)
            .clock(clock)
            .build()
            .start(port);
    server
        .injector()
        .getInstance(AccountService.class)
        .register(new Registration(EMAIL, PASSWORD, "Grace", Set.of(), null))
        .unwrap();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  /** The client's sleeper moves the clock the server reads too. */
  private final Sleeper sleeper = duration -> clock.advance(duration);

  private OAuthClient cli() {
    return OAuthClient.builder(issuer, "cli").clock(clock).sleeper(sleeper).build().orElseThrow();
  }

  @Test
  void clientCredentials_withASecret_threeLinesForAService() {
    OAuthClient client =
        OAuthClient.builder(issuer, "svc")
            .clientSecret(serviceSecret)
            .clock(clock)
            .build()
            .orElseThrow();
    TokenManager tokens =
        TokenManager.of(
            client, CredentialStore.none(), LoginStrategy.clientCredentials(Set.of("read")));

    String first = tokens.accessToken().orElseThrow();

    assertThat(first).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    assertThat(tokens.accessToken().value()).isEqualTo(first);
    assertThat(client.metadata().issuer()).isEqualTo(issuer);
  }

  @Test
  void clientCredentials_withPrivateKeyJwt_es256() {
    OAuthClient client =
        OAuthClient.builder(issuer, "svc-jwt")
            .privateKeyJwt(serviceKey.getPrivate(), "svc-key-1", "ES256")
            .clock(clock)
            .build()
            .orElseThrow();

    Tokens tokens = client.clientCredentials(Set.of("read")).orElseThrow();

    assertThat(tokens.scopes()).containsExactly("read");
    assertThat(tokens.refreshToken()).isNull();
  }

  @Test
  void clientCredentials_withAWrongSecret_isServerRejectedInvalidClient() {
    OAuthClient client =
        OAuthClient.builder(issuer, "svc").clientSecret("wrong").clock(clock).build().orElseThrow();

    ClientError error = client.clientCredentials(Set.of("read")).error();

    assertThat(error).isInstanceOf(ClientError.ServerRejected.class);
    assertThat(((ClientError.ServerRejected) error).error()).isEqualTo("invalid_client");
    assertThat(error.message()).doesNotContain("wrong");
  }

  @Test
  void deviceLogin_tokensSurviveARestart_thenRefreshRotates(@TempDir Path home) {
    Path credentials = home.resolve("credentials");
    TokenManager firstRun =
        TokenManager.of(cli(), CredentialStore.file(credentials), LoginStrategy.none());
    AtomicReference<DevicePrompt> shown = new AtomicReference<>();

    Tokens tokens =
        firstRun
            .deviceLogin(
                Set.of("read"),
                prompt -> {
                  shown.set(prompt);
                  approve(prompt.userCode());
                })
            .orElseThrow();

    assertThat(shown.get().verificationUri()).isEqualTo(URI.create(issuer + "/device"));
    assertThat(tokens.refreshToken()).isNotNull();

    // A new process: a new client and manager over the same directory, no login.
    TokenManager secondRun =
        TokenManager.of(cli(), CredentialStore.file(credentials), LoginStrategy.none());
    assertThat(secondRun.accessToken().orElseThrow()).isEqualTo(tokens.accessToken());

    clock.advance(Duration.ofHours(2));
    String refreshed = secondRun.accessToken().orElseThrow();
    StoredCredentials rotated =
        CredentialStore.file(credentials).load(cli().credentialKey()).orElseThrow();
    assertThat(refreshed).isNotEqualTo(tokens.accessToken());
    assertThat(rotated.accessToken()).isEqualTo(refreshed);
    assertThat(rotated.refreshToken()).isNotNull().isNotEqualTo(tokens.refreshToken());
    // The rotated-away refresh token is dead: the server refuses it (and the client says so).
    assertThat(cli().refresh(tokens.refreshToken(), Set.of()).error())
        .isInstanceOf(ClientError.AccessTokenNotFound.class);
  }

  @Test
  void deviceLogin_deniedByTheUser_isAccessDenied() {
    ClientError error =
        cli().deviceLogin(Set.of("read"), prompt -> decide(prompt.userCode(), false)).error();

    assertThat(error).isInstanceOf(ClientError.AccessDenied.class);
  }

  @Test
  void browserLogin_codeWithPkce_throughTheLoginAndConsentPages() {
    ScriptedBrowser browser = new ScriptedBrowser();

    Tokens tokens =
        cli().browserLogin(Set.of("openid", "read"), browser, Duration.ofSeconds(30)).orElseThrow();

    assertThat(tokens.idToken()).isNotNull();
    assertThat(tokens.refreshToken()).isNotNull();
    assertThat(tokens.scopes()).contains("openid", "read");
    assertThat(browser.visited).startsWith(issuer + "/oauth2/authorize?");
    assertThat(browser.visited).contains("code_challenge_method=S256");
  }

  private void approve(String userCode) {
    decide(userCode, true);
  }

  private void decide(String userCode, boolean approve) {
    DeviceFlow flow = server.injector().getInstance(DeviceFlow.class);
    DeviceStep.Login login = (DeviceStep.Login) flow.begin(userCode, "127.0.0.1").unwrap();
    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            flow.login(login.interactionId(), EMAIL, PASSWORD, "127.0.0.1", null).unwrap();
    flow.confirm(confirm.interactionId(), approve).unwrap();
  }

  /**
   * A browser with a cookie jar: follows the authorization URL, signs in on the login page, allows
   * on the consent page, and follows the redirect to the client's loopback listener.
   */
  private static final class ScriptedBrowser implements BrowserOpener {
    private static final Pattern ACTION =
        Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
    private static final Pattern HIDDEN =
        Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\"");
    private final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    volatile String visited;

    @Override
    public void open(URI authorizationUri) throws IOException {
      visited = authorizationUri.toString();
      try {
        HttpResponse<String> page = get(authorizationUri);
        for (int step = 0; step < 5 && page.statusCode() == 200; step++) {
          Map<String, String> form = hiddenFields(page.body());
          if (page.body().contains("name=\"password\"")) {
            form.put("identifier", EMAIL);
            form.put("password", PASSWORD);
          } else {
            form.put("decision", "approve");
          }
          page = post(authorizationUri.resolve(action(page.body())), form);
        }
        assertThat(page.statusCode()).as(page.body()).isBetween(300, 399);
        URI callback =
            authorizationUri.resolve(page.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getHost()).isEqualTo("127.0.0.1");
        assertThat(get(callback).statusCode()).isEqualTo(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form)
        throws IOException, InterruptedException {
      StringBuilder body = new StringBuilder();
      form.forEach(
          (k, v) ->
              body.append(body.length() == 0 ? "" : "&")
                  .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      return http.send(
          HttpRequest.newBuilder(uri)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private static String action(String html) {
      Matcher m = ACTION.matcher(html);
      assertThat(m.find()).as("a form on the page:%n%s", html).isTrue();
      return unescape(m.group(1));
    }

    private static Map<String, String> hiddenFields(String html) {
      Map<String, String> fields = new LinkedHashMap<>();
      Matcher m = HIDDEN.matcher(html);
      while (m.find()) {
        fields.put(m.group(1), unescape(m.group(2)));
      }
      return fields;
    }

    private static String unescape(String html) {
      return html.replace("&#x2F;", "/")
          .replace("&#47;", "/")
          .replace("&quot;", "\"")
          .replace("&#39;", "'")
          .replace("&lt;", "<")
          .replace("&gt;", ">")
          .replace("&amp;", "&");
    }
  }

  private static String sha256(String secret) {
    try {
      return "sha256:"
          + HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-256")
                      .digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String jwks(ECPublicKey key) {
    return "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES256\",\"use\":\"sig\","
        + "\"kid\":\"svc-key-1\",\"x\":\""
        + coordinate(key.getW().getAffineX())
        + "\",\"y\":\""
        + coordinate(key.getW().getAffineY())
        + "\"}]}";
  }

  private static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, fixed, 32 - length, length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
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
