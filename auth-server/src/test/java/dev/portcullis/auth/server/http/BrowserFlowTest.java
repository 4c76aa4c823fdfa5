package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The pages in a real browser: Debian's {@code chromium} driven through {@code chromium-driver}
 * (installed by {@code .ci/run} when absent; nothing is downloaded at test time). A tiny loopback
 * "client" records the redirect the browser follows at the end of the code flow. Each page is saved
 * as a screenshot under {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class BrowserFlowTest {

  @TempDir static Path dataDir;
  @TempDir static Path profile;

  private PageServer pages;
  private HttpServer client;
  private String clientBase;
  private final List<Map<String, String>> callbacks = new CopyOnWriteArrayList<>();
  private Chromium browser;
  private WebDriver driver;

  @BeforeAll
  void start() throws IOException {
    pages = new PageServer(dataDir);
    client = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    client.createContext(
        "/callback",
        exchange -> {
          callbacks.add(query(exchange.getRequestURI().getRawQuery()));
          respond(exchange, "<!DOCTYPE html><title>Client</title><h1 id=client>Signed in</h1>");
        });
    client.createContext(
        "/forged",
        exchange ->
            respond(
                exchange,
                "<!DOCTYPE html><title>Forged</title><form method=post action=\""
                    + pages.issuer
                    + "/oauth2/authorize/consent\"><input type=hidden name=csrf"
                    + " value=guessed><input type=hidden name=decision value=approve>"
                    + "<button id=go>Win a prize</button></form>"));
    client.start();
    clientBase = "http://127.0.0.1:" + client.getAddress().getPort();
    browser = Chromium.start(profile);
    driver = browser.driver;
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (client != null) {
      client.stop(0);
    }
    if (pages != null) {
      pages.stop();
    }
  }

  @BeforeEach
  void fresh() {
    callbacks.clear();
    pages.fakes.calls.clear();
    driver.manage().deleteAllCookies();
  }

  private static void respond(com.sun.net.httpserver.HttpExchange exchange, String html)
      throws IOException {
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

  private void openAuthorize(String clientId, String state) {
    driver.get(
        pages.issuer
            + "/oauth2/authorize?response_type=code&client_id="
            + clientId
            + "&redirect_uri="
            + URLEncoder.encode(clientBase + "/callback", StandardCharsets.UTF_8)
            + "&state="
            + state
            + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
            + "&code_challenge_method=S256");
  }

  @Test
  void codeFlow_loginConsentApprove_reachesTheClientWithCodeStateAndIss() throws IOException {
    openAuthorize(PageFakes.CLIENT, "st-42");
    assertThat(driver.getTitle()).isEqualTo("Sign in");
    browser.screenshot("login");
    browser.signIn(PageFakes.USER, PageFakes.PASSWORD);

    assertThat(browser.text("client-name")).isEqualTo("Photo Printer <Beta>");
    assertThat(browser.text("scopes"))
        .contains("See your photos", "Know your name and email address");
    browser.screenshot("consent");
    driver.findElement(By.id("approve")).click();

    // The 303 after the consent POST passes the page's CSP form-action only because it lists the
    // client's redirect origin: with form-action 'self' Chromium blocks it (test below).
    browser.waiting().until(d -> !callbacks.isEmpty());
    Map<String, String> callback = callbacks.get(0);
    assertThat(callback.get("code")).isNotBlank();
    assertThat(callback).containsEntry("state", "st-42").containsEntry("iss", pages.issuer);
    assertThat(browser.text("client")).isEqualTo("Signed in");
  }

  @Test
  void codeFlow_deny_reachesTheClientWithAccessDenied() {
    openAuthorize(PageFakes.CLIENT, "st-deny");
    browser.signIn(PageFakes.USER, PageFakes.PASSWORD);
    driver.findElement(By.id("deny")).click();

    browser.waiting().until(d -> !callbacks.isEmpty());
    assertThat(callbacks.get(0))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "st-deny")
        .containsEntry("iss", pages.issuer);
  }

  @Test
  void formActionSelfOnly_blocksTheRedirectAfterConsent() {
    // "unlisted" is not in the client store, so its pages' form-action is 'self' alone: the
    // server answers the consent with its 303, and Chromium refuses to follow it.
    openAuthorize(PageFakes.UNLISTED_CLIENT, "st-csp");
    browser.signIn(PageFakes.USER, PageFakes.PASSWORD);
    driver.findElement(By.id("approve")).click();

    browser.waiting().until(d -> pages.fakes.calls.contains("approve"));
    // Chromium reports the blocked redirect under the URL the form posted to.
    List<String> console = new java.util.ArrayList<>();
    browser
        .waiting()
        .until(
            d -> {
              d.manage().logs().get("browser").forEach(e -> console.add(e.getMessage()));
              return console.stream().anyMatch(m -> m.contains("\"form-action 'self'\""));
            });
    assertThat(driver.getTitle()).isEqualTo("Allow access?");
    assertThat(callbacks).isEmpty();
  }

  @Test
  void wrongPassword_isShownOnThePage() throws IOException {
    openAuthorize(PageFakes.CLIENT, "st-1");
    browser.signIn(PageFakes.USER, "not the password");

    assertThat(browser.text("error")).isEqualTo("The email or password is wrong.");
    assertThat(driver.findElement(By.id("identifier")).getAttribute("value"))
        .isEqualTo(PageFakes.USER);
    browser.screenshot("login-wrong-password");
  }

  @Test
  void lockout_isShownWithItsEnd() throws IOException {
    openAuthorize(PageFakes.CLIENT, "st-2");
    browser.signIn(PageFakes.LOCKED_USER, "whatever");

    assertThat(browser.text("error")).contains("locked until 14:05 UTC");
    browser.screenshot("login-locked");
  }

  @Test
  void missingCsrfToken_isRefused_andNothingChanges() throws IOException {
    openAuthorize(PageFakes.CLIENT, "st-3");
    pages.fakes.calls.clear();
    // WebDriver's script runs outside the page's CSP: it plays a form that lost its token.
    ((JavascriptExecutor) driver)
        .executeScript("document.querySelector('input[name=csrf]').remove()");
    browser.signIn(PageFakes.USER, PageFakes.PASSWORD);

    assertThat(browser.text("code")).isEqualTo("csrf_refused");
    assertThat(driver.getTitle()).isEqualTo("Request refused");
    assertThat(pages.fakes.calls).isEmpty();
    browser.screenshot("error-refused");
  }

  @Test
  void foreignForm_isRefused_byOriginAndToken() {
    openAuthorize(PageFakes.CLIENT, "st-4");
    browser.signIn(PageFakes.USER, PageFakes.PASSWORD);
    // The click may return before the login reaches the server: wait for the consent page, or
    // the login is recorded after the clear below.
    assertThat(browser.text("client-name")).isNotBlank();
    pages.fakes.calls.clear();
    // Another origin on the same site: the SameSite=Lax cookie goes along, the Origin header
    // gives it away.
    driver.get(clientBase + "/forged");
    driver.findElement(By.id("go")).click();

    assertThat(browser.text("code")).isEqualTo("csrf_refused");
    assertThat(driver.getTitle()).isEqualTo("Request refused");
    assertThat(pages.fakes.calls).isEmpty();
    assertThat(callbacks).isEmpty();
  }

  @Test
  void unknownClient_showsTheErrorPage() throws IOException {
    openAuthorize("nobody", "st-5");

    assertThat(driver.getCurrentUrl()).startsWith(pages.issuer);
    assertThat(browser.text("message")).contains("unknown client");
    browser.screenshot("error");
  }

  @Test
  void deviceFlow_enterCodeSignInConfirm() throws IOException {
    driver.get(pages.issuer + "/device");
    browser.screenshot("device-code");
    driver.findElement(By.id("user_code")).sendKeys("bcdf ghjk");
    driver.findElement(By.id("continue")).click();
    browser.signIn(PageFakes.USER, PageFakes.PASSWORD);

    assertThat(browser.text("user-code")).isEqualTo(PageFakes.USER_CODE);
    assertThat(driver.getTitle()).isEqualTo("Did you start this on your device?");
    assertThat(browser.text("client-name")).isEqualTo("Living-room TV");
    browser.screenshot("device-confirm");
    driver.findElement(By.id("approve")).click();

    assertThat(browser.text("outcome")).isEqualTo("Device connected");
    assertThat(pages.fakes.calls)
        .containsSubsequence("device-code", "device-login", "device-approve");
    browser.screenshot("device-done");
  }

  @Test
  void deviceFlow_wrongCode_isShown() {
    driver.get(pages.issuer + "/device");
    driver.findElement(By.id("user_code")).sendKeys("ZZZZ-ZZZZ");
    driver.findElement(By.id("continue")).click();

    assertThat(browser.text("error")).contains("not valid or has expired");
  }
}
