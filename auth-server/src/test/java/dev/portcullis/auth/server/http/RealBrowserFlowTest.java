package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.auth.core.mfa.Totp;
import dev.portcullis.auth.core.mfa.internal.Base32;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The pages in Chromium on the REAL flows (where {@link BrowserFlowTest} fakes them): the server
 * built as the interop tests build it (OAuth on, RS256, public clients declared in the settings, an
 * empty environment map), a user registered over {@code /auth/register}, and a tiny loopback
 * "client" recording the redirect. Tokens are then redeemed over plain HTTP, and the access token's
 * signature is checked against the server's JWKS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class RealBrowserFlowTest {
  private static final String WEB = "browser-web";
  private static final String TV = "browser-tv";
  private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String EMAIL = "lin@example.com";
  private static final String PASSWORD = "correct horse battery staple 4 browsers";
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dataDir;
  @TempDir static Path profile;

  private PortcullisServer server;
  private String issuer;
  private Api api;
  private HttpServer client;
  private String redirectUri;
  private final List<Map<String, String>> callbacks = new CopyOnWriteArrayList<>();
  private Chromium browser;
  private WebDriver driver;

  @BeforeAll
  void start() throws Exception {
    client = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    client.createContext(
        "/callback",
        exchange -> {
          callbacks.add(query(exchange.getRequestURI().getRawQuery()));
          respond(exchange, "<!DOCTYPE html><title>Client</title><h1 id=client>Signed in</h1>");
        });
    client.start();
    redirectUri = "http://127.0.0.1:" + client.getAddress().getPort() + "/callback";

    int port = freeLoopbackPort();
    issuer = "http://127.0.0.1:" + port;
    Path signingKey = dataDir.resolve("signing-key.pem");
    writeRsaKey(signingKey);
    server =
        PortcullisServer.builder()
            .config(config(signingKey))
            // The clients are public: no secret to name, and nothing read from the process
            // environment.
            .environment(Map.of())
            .dataDir(dataDir)
            .build()
            .start(port);
    api = new Api(server.uri());
    Res registered =
        api.post("/auth/register")
            .json(obj("email", EMAIL, "password", PASSWORD, "name", "Lin"))
            .send();
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

    browser = Chromium.start(profile);
    driver = browser.driver;
  }

  private com.typesafe.config.Config config(Path signingKey) {
    return TestConfigs.config(
        String.join(
            "\n",
            "auth.server.store = memory",
            "auth.token.issuer = \"" + issuer + "\"",
            "auth.token.algorithm = RS256",
            "auth.token.private-key-file = \""
                + signingKey.toAbsolutePath().toString().replace("\\", "\\\\")
                + "\"",
            "auth.oauth.enabled = true",
            "auth.mfa.enabled = true",
            // Every flow here signs in from 127.0.0.1: more than the default 5 a minute.
            "auth.rate-limit.login = \"100/minute\"",
            "auth.mfa.issuer = \"Portcullis Demo\"",
            "auth.oauth.scopes = [",
            "  {name = openid, description = \"Know who you are\"},",
            "  {name = read, description = \"See your photos\"},",
            "  {name = write, description = \"Change your photos\"}",
            "]",
            "auth.oauth.clients = [",
            "  {",
            "    client-id = " + WEB,
            "    display-name = \"Photo Printer\"",
            "    type = public",
            "    grant-types = [authorization_code, refresh_token]",
            "    redirect-uris = [\"" + redirectUri + "\"]",
            "    scopes = [openid, read, write]",
            "  },",
            "  {",
            "    client-id = " + TV,
            "    display-name = \"Living-room TV\"",
            "    type = public",
            "    grant-types = [\"" + DEVICE_GRANT + "\", refresh_token]",
            "    scopes = [read]",
            "  }",
            "]"));
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (client != null) {
      client.stop(0);
    }
    if (server != null) {
      server.stop();
    }
  }

  @BeforeEach
  void fresh() {
    callbacks.clear();
    driver.manage().deleteAllCookies();
  }

  @Test
  void codeFlow_realServer_loginConsentRedeem_tokensVerifyAgainstTheJwks() throws Exception {
    String verifier = random();
    String state = random();
    openAuthorize(challenge(verifier), state, "openid read");
    assertThat(driver.getTitle()).isEqualTo("Sign in");
    browser.screenshot("real-login");
    browser.signIn(EMAIL, PASSWORD);

    assertThat(browser.text("client-name")).isEqualTo("Photo Printer");
    assertThat(browser.text("scopes")).contains("See your photos");
    browser.screenshot("real-consent");
    driver.findElement(By.id("approve")).click();

    browser.waiting().until(d -> !callbacks.isEmpty());
    Map<String, String> callback = callbacks.get(0);
    assertThat(callback).containsEntry("state", state).containsEntry("iss", issuer);
    assertThat(callback.get("code")).isNotBlank();
    assertThat(browser.text("client")).isEqualTo("Signed in");
    browser.screenshot("real-client");

    Res tokens =
        post(
            "/oauth2/token",
            "grant_type=authorization_code&client_id="
                + WEB
                + "&code="
                + enc(callback.get("code"))
                + "&redirect_uri="
                + enc(redirectUri)
                + "&code_verifier="
                + verifier);
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    assertThat(tokens.text("token_type")).isEqualTo("Bearer");
    assertThat(tokens.text("refresh_token")).isNotBlank();
    assertThat(tokens.text("id_token")).isNotBlank();
    SignedJWT access = SignedJWT.parse(tokens.text("access_token"));
    assertThat(access.verify(new RSASSAVerifier(serverKey(access)))).isTrue();
    assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(issuer);
    assertThat(api.get("/oauth2/userinfo").bearer(tokens.text("access_token")).send().text("email"))
        .isEqualTo(EMAIL);

    Res refreshed =
        post(
            "/oauth2/token",
            "grant_type=refresh_token&client_id="
                + WEB
                + "&refresh_token="
                + enc(tokens.text("refresh_token")));
    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);

    // A replayed code is refused and ends what it issued (RFC 6749 4.1.2): the refresh too.
    Res replay =
        post(
            "/oauth2/token",
            "grant_type=authorization_code&client_id="
                + WEB
                + "&code="
                + enc(callback.get("code"))
                + "&redirect_uri="
                + enc(redirectUri)
                + "&code_verifier="
                + verifier);
    assertThat(replay.json().path("error").asText()).isEqualTo("invalid_grant");
    Res afterReplay =
        post(
            "/oauth2/token",
            "grant_type=refresh_token&client_id="
                + WEB
                + "&refresh_token="
                + enc(refreshed.text("refresh_token")));
    assertThat(afterReplay.json().path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void codeFlow_realServer_deny_reachesTheClientWithAccessDenied() throws Exception {
    String state = random();
    openAuthorize(challenge(random()), state, "read write");
    browser.signIn(EMAIL, PASSWORD);
    assertThat(browser.text("scopes")).contains("See your photos", "Change your photos");
    driver.findElement(By.id("deny")).click();

    browser.waiting().until(d -> !callbacks.isEmpty());
    assertThat(callbacks.get(0))
        .containsEntry("error", "access_denied")
        .containsEntry("state", state)
        .containsEntry("iss", issuer)
        .doesNotContainKey("code");
  }

  @Test
  void wrongPassword_realServer_isShownOnThePage() throws Exception {
    openAuthorize(challenge(random()), random(), "read");
    browser.signIn(EMAIL, "not the password");

    // The real flow's wording (InteractiveAuthorizationFlow), not the fake's.
    assertThat(browser.text("error")).isEqualTo("The e-mail address or the password is wrong.");
    assertThat(driver.getTitle()).isEqualTo("Sign in");
    assertThat(driver.findElement(By.id("identifier")).getAttribute("value")).isEqualTo(EMAIL);
    assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("not the password");
    assertThat(callbacks).isEmpty();
    browser.screenshot("real-login-wrong-password");
  }

  @Test
  void deviceFlow_realServer_enterCodeSignInApprove_thenThePollGetsTokens() throws Exception {
    Res started = post("/oauth2/device_authorization", "client_id=" + TV + "&scope=read");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    String userCode = started.text("user_code");
    String deviceCode = started.text("device_code");
    assertThat(started.text("verification_uri")).isEqualTo(issuer + "/device");

    driver.get(started.text("verification_uri"));
    browser.screenshot("real-device-code");
    // Typed as a person might: lower case, a space for the dash.
    driver.findElement(By.id("user_code")).sendKeys(userCode.toLowerCase().replace('-', ' '));
    driver.findElement(By.id("continue")).click();
    browser.signIn(EMAIL, PASSWORD);

    assertThat(driver.getTitle()).isEqualTo("Did you start this on your device?");
    assertThat(browser.text("user-code")).isEqualTo(userCode);
    assertThat(browser.text("client-name")).isEqualTo("Living-room TV");
    browser.screenshot("real-device-confirm");
    driver.findElement(By.id("approve")).click();
    assertThat(browser.text("outcome")).isEqualTo("Device connected");
    browser.screenshot("real-device-done");

    Res tokens =
        post(
            "/oauth2/token",
            "grant_type=" + enc(DEVICE_GRANT) + "&client_id=" + TV + "&device_code=" + deviceCode);
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    assertThat(tokens.text("scope")).isEqualTo("read");
    assertThat(tokens.text("refresh_token")).isNotBlank();
    SignedJWT access = SignedJWT.parse(tokens.text("access_token"));
    assertThat(access.verify(new RSASSAVerifier(serverKey(access)))).isTrue();
  }

  /** A user registered and enrolled over the HTTP API: its seed and recovery codes. */
  private record Enrolled(String email, byte[] seed, List<String> recoveryCodes) {
    /**
     * A code of a step later than the confirmation's, within the server's window of one step: the
     * server runs on the system clock.
     */
    String nextCode() {
      return Totp.code(seed, Totp.step(Instant.now()) + 1);
    }
  }

  private Res apiLogin(String email) {
    return api.post("/auth/login").json(obj("email", email, "password", PASSWORD)).send();
  }

  private Res register(String email) {
    Res registered =
        api.post("/auth/register").json(obj("email", email, "password", PASSWORD)).send();
    assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    return registered;
  }

  private Enrolled enrol(String email) {
    register(email);
    String access = apiLogin(email).text("access_token");
    Res enrolment = api.post("/auth/mfa/totp").bearer(access).send();
    assertThat(enrolment.status()).as(enrolment.toString()).isEqualTo(200);
    byte[] seed = Base32.decode(enrolment.text("secret"));
    Res confirmed =
        api.post("/auth/mfa/totp/confirm")
            .bearer(access)
            .json(obj("code", Totp.code(seed, Totp.step(Instant.now()))))
            .send();
    assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    confirmed.json().path("recovery_codes").forEach(n -> codes.add(n.asText()));
    return new Enrolled(email, seed, codes);
  }

  /** Types {@code code} into the second-factor page and submits it. */
  private void enterCode(String code) {
    WebElement input = driver.findElement(By.id("code"));
    input.clear();
    input.sendKeys(code);
    browser.submit(driver.findElement(By.id("verify")));
  }

  @Test
  void codeFlow_realServer_enrolledUser_passwordThenCode_idTokenSaysPwdOtp() throws Exception {
    Enrolled user = enrol("kim@example.com");
    String verifier = random();
    String state = random();
    openAuthorize(challenge(verifier), state, "openid read");
    browser.signIn(user.email(), PASSWORD);

    assertThat(driver.getTitle()).isEqualTo("Enter your code");
    WebElement input = driver.findElement(By.id("code"));
    assertThat(input.getAttribute("autocomplete")).isEqualTo("one-time-code");
    assertThat(input.getAttribute("inputmode")).isEqualTo("numeric");
    assertThat(driver.findElement(By.cssSelector("label[for=code]")).getText())
        .startsWith("Enter the 6-digit code from your authenticator app");
    assertThat(driver.findElements(By.tagName("script"))).isEmpty();
    browser.screenshot("real-mfa");
    enterCode(user.nextCode());

    assertThat(browser.text("client-name")).isEqualTo("Photo Printer");
    driver.findElement(By.id("approve")).click();
    browser.waiting().until(d -> !callbacks.isEmpty());
    Map<String, String> callback = callbacks.get(0);
    assertThat(callback).containsEntry("state", state);
    Res tokens =
        post(
            "/oauth2/token",
            "grant_type=authorization_code&client_id="
                + WEB
                + "&code="
                + enc(callback.get("code"))
                + "&redirect_uri="
                + enc(redirectUri)
                + "&code_verifier="
                + verifier);
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    SignedJWT idToken = SignedJWT.parse(tokens.text("id_token"));
    assertThat(idToken.verify(new RSASSAVerifier(serverKey(idToken)))).isTrue();
    assertThat(idToken.getJWTClaimsSet().getStringListClaim("amr")).containsExactly("pwd", "otp");
    SignedJWT access = SignedJWT.parse(tokens.text("access_token"));
    assertThat(access.getJWTClaimsSet().getStringListClaim("amr")).containsExactly("pwd", "otp");
  }

  @Test
  void codeFlow_realServer_theSameCodeInASecondFlow_isRefused_aRecoveryCodeGetsIn()
      throws Exception {
    Enrolled user = enrol("noor@example.com");
    String code = user.nextCode();
    openAuthorize(challenge(random()), random(), "read");
    browser.signIn(user.email(), PASSWORD);
    enterCode(code);
    assertThat(browser.text("client-name")).isEqualTo("Photo Printer");

    driver.manage().deleteAllCookies();
    openAuthorize(challenge(random()), random(), "read");
    browser.signIn(user.email(), PASSWORD);
    enterCode(code);

    assertThat(browser.text("error"))
        .isEqualTo("That code is wrong or was already used. 4 attempts left.");
    assertThat(driver.getTitle()).isEqualTo("Enter your code");
    browser.screenshot("real-mfa-replayed");
    enterCode(user.recoveryCodes().get(0));
    assertThat(browser.text("client-name")).isEqualTo("Photo Printer");
  }

  @Test
  void deviceFlow_realServer_enrolledUser_signsInWithACode() throws Exception {
    Enrolled user = enrol("ari@example.com");
    Res started = post("/oauth2/device_authorization", "client_id=" + TV + "&scope=read");
    driver.get(started.text("verification_uri_complete"));
    browser.signIn(user.email(), PASSWORD);

    assertThat(driver.getTitle()).isEqualTo("Enter your code");
    enterCode(user.nextCode());

    assertThat(driver.getTitle()).isEqualTo("Did you start this on your device?");
    driver.findElement(By.id("approve")).click();
    assertThat(browser.text("outcome")).isEqualTo("Device connected");
    Res tokens =
        post(
            "/oauth2/token",
            "grant_type="
                + enc(DEVICE_GRANT)
                + "&client_id="
                + TV
                + "&device_code="
                + started.text("device_code"));
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
  }

  /**
   * The enrolment's QR code as a phone's authenticator app sees it: the {@code qr_svg} of {@code
   * POST /auth/mfa/totp} drawn by Chromium, saved as {@code mfa-enrol-qr.png} (copied to
   * docs/screenshots), and read back by ZXing's QR reader from the pixels: the otpauth URI.
   */
  @Test
  void enrolment_theQrCodeDrawnByChromium_readsBackAsTheOtpauthUri() throws Exception {
    String email = "qr@example.com";
    register(email);
    Res enrolment = api.post("/auth/mfa/totp").bearer(apiLogin(email).text("access_token")).send();
    String uri = enrolment.text("otpauth_uri");
    String html =
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>Set up two-step sign-in</title>"
            + "<style>body{font:16px system-ui,sans-serif;margin:1.5rem;color:#1b1f24}"
            + "#qr{width:280px;height:280px}code{font-size:.8rem;word-break:break-all}</style>"
            + "</head><body><h1>Scan this code</h1><p>with your authenticator app.</p>"
            + "<div id=qr>"
            + enrolment.text("qr_svg")
            + "</div><p>Account: <strong>"
            + email
            + "</strong> (Portcullis Demo)</p></body></html>";
    driver.get(
        "data:text/html;base64,"
            + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
    browser.screenshot("mfa-enrol-qr");

    byte[] png = driver.findElement(By.id("qr")).getScreenshotAs(OutputType.BYTES);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    Result read =
        new QRCodeReader()
            .decode(
                new BinaryBitmap(
                    new HybridBinarizer(
                        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))));

    assertThat(read.getText()).isEqualTo(uri);
    assertThat(uri)
        .startsWith("otpauth://totp/Portcullis%20Demo:qr%40example.com?secret=")
        .endsWith("&issuer=Portcullis%20Demo&algorithm=SHA1&digits=6&period=30");
  }

  /**
   * Issue 16's "done when" in the browser: a user enrols on {@code /account/mfa} (sign in, the QR
   * code page at a phone's width saved as {@code mfa-enrol-page.png}, copied to docs/screenshots),
   * the QR code read back from Chromium's pixels by ZXing as an authenticator app would, its code
   * confirms, the recovery codes page shows 10; then the code flow signs in with a code of a later
   * step, the same code is refused in the next sign-in, and a recovery code gets in.
   */
  @Test
  void enrolmentPage_scanConfirm_thenSignInWithACode_noReplay_recoveryCodeGetsIn()
      throws Exception {
    String email = "sam@example.com";
    register(email);
    org.openqa.selenium.Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    List<String> recoveryCodes = new ArrayList<>();
    String uri;
    try {
      driver.get(issuer + "/account/mfa");
      assertThat(driver.getTitle()).isEqualTo("Sign in");
      browser.signIn(email, PASSWORD);

      assertThat(driver.getTitle()).isEqualTo("Set up two-step sign-in");
      assertThat(driver.findElements(By.tagName("script"))).isEmpty();
      WebElement input = driver.findElement(By.id("code"));
      assertThat(input.getAttribute("autocomplete")).isEqualTo("one-time-code");
      assertThat(input.getAttribute("inputmode")).isEqualTo("numeric");
      assertThat(driver.findElement(By.cssSelector("label[for=code]")).getText())
          .isEqualTo("Enter the 6-digit code the app shows");
      WebElement qr = driver.findElement(By.id("qr"));
      assertThat(qr.getSize().getWidth()).isGreaterThan(200);
      browser.screenshot("mfa-enrol-page");
      uri = readQr(qr);
      assertThat(uri)
          .startsWith("otpauth://totp/Portcullis%20Demo:sam%40example.com?secret=")
          .endsWith("&issuer=Portcullis%20Demo&algorithm=SHA1&digits=6&period=30");
      String secret = uri.substring(uri.indexOf("secret=") + 7, uri.indexOf('&'));
      assertThat(browser.text("secret").replace(" ", "")).isEqualTo(secret);
      byte[] seed = Base32.decode(secret);

      input.sendKeys(Totp.code(seed, Totp.step(Instant.now())));
      driver.findElement(By.id("verify")).click();
      // The next page, or this one again with an error: not the page before the click loaded.
      browser.waiting().until(ExpectedConditions.stalenessOf(input));

      assertThat(driver.getTitle())
          .as(() -> driver.findElement(By.tagName("main")).getText())
          .isEqualTo("Save your recovery codes");
      driver
          .findElements(By.cssSelector("#recovery-codes li"))
          .forEach(li -> recoveryCodes.add(li.getText()));
      assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
      browser.screenshot("mfa-enrol-recovery-codes");
    } finally {
      driver.manage().window().setSize(before);
    }
    byte[] seed = Base32.decode(uri.substring(uri.indexOf("secret=") + 7, uri.indexOf('&')));
    Enrolled user = new Enrolled(email, seed, recoveryCodes);
    String code = user.nextCode();

    driver.manage().deleteAllCookies();
    openAuthorize(challenge(random()), random(), "read");
    browser.signIn(email, PASSWORD);
    assertThat(driver.getTitle()).isEqualTo("Enter your code");
    enterCode(code);
    assertThat(browser.text("client-name")).isEqualTo("Photo Printer");

    driver.manage().deleteAllCookies();
    openAuthorize(challenge(random()), random(), "read");
    browser.signIn(email, PASSWORD);
    enterCode(code);
    assertThat(browser.text("error"))
        .isEqualTo("That code is wrong or was already used. 4 attempts left.");
    enterCode(recoveryCodes.get(0));
    assertThat(browser.text("client-name")).isEqualTo("Photo Printer");
  }

  /** The text of the QR code in {@code element}, read by ZXing from Chromium's pixels. */
  private static String readQr(WebElement element) throws Exception {
    byte[] png = element.getScreenshotAs(OutputType.BYTES);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(
                new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
        .getText();
  }

  private void openAuthorize(String challenge, String state, String scope) {
    driver.get(
        issuer
            + "/oauth2/authorize?response_type=code&client_id="
            + WEB
            + "&redirect_uri="
            + enc(redirectUri)
            + "&scope="
            + enc(scope)
            + "&state="
            + state
            + "&code_challenge="
            + challenge
            + "&code_challenge_method=S256");
  }

  private Res post(String path, String form) {
    return api.post(path).raw(FORM, form).send();
  }

  /** The server's public key for the token's {@code kid}, read from its JWKS over HTTP. */
  private RSAKey serverKey(SignedJWT token) throws Exception {
    JWKSet keys = JWKSet.parse(api.get("/.well-known/jwks.json").send().body());
    return keys.getKeyByKeyId(token.getHeader().getKeyID()).toRSAKey();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) throws Exception {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  private static void respond(HttpExchange exchange, String html) throws IOException {
    byte[] body = html.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        q.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeRsaKey(Path file) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048, RANDOM);
    KeyPair pair = generator.generateKeyPair();
    Files.writeString(
        file,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);
  }
}
