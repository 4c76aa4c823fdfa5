package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages' HTTP layer over real loopback HTTP with the flows faked ({@link PageFakes}): cookies,
 * CSRF and origin checks, CSP, redirects and HTML errors. The browser test ({@link
 * BrowserFlowTest}) proves the same in Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class PageRoutesTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @TempDir static Path dataDir;
  private PageServer pages;
  private Api api;

  @BeforeAll
  void start() {
    pages = new PageServer(dataDir);
    api = new Api(URI.create(pages.issuer));
  }

  @AfterAll
  void stop() {
    if (pages != null) {
      pages.stop();
    }
  }

  @BeforeEach
  void forget() {
    pages.fakes.calls.clear();
  }

  private String authorizeQuery(String clientId) {
    return "/oauth2/authorize?response_type=code&client_id="
        + clientId
        + "&redirect_uri="
        + URLEncoder.encode("http://127.0.0.1:9/callback", StandardCharsets.UTF_8)
        + "&state=xyz&code_challenge=abc&code_challenge_method=S256";
  }

  /** An interaction's cookie ("name=value") and CSRF token, from a rendered page. */
  private record Session(String cookie, String csrf) {}

  private static Session session(Res page, String cookieName) {
    String setCookie =
        Api.all(page, "Set-Cookie").stream()
            .filter(c -> c.startsWith(cookieName + "="))
            .findFirst()
            .orElseThrow();
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as(page.body()).isTrue();
    return new Session(setCookie.substring(0, setCookie.indexOf(';')), m.group(1));
  }

  private Res post(String path, Session s, String form, String origin) {
    Api.Req req = api.post(path).raw(FORM, form);
    if (s != null) {
      req.header("Cookie", s.cookie());
    }
    if (origin != null) {
      req.header("Origin", origin);
    }
    return req.send();
  }

  private Session begin() {
    Res page = api.get(authorizeQuery(PageFakes.CLIENT)).send();
    assertThat(page.status()).as(page.toString()).isEqualTo(200);
    return session(page, PageRoutes.AUTHORIZE_COOKIE);
  }

  @Test
  void authorize_rendersTheLoginPage_withAnInteractionCookieAndAStrictCsp() {
    Res page = api.get(authorizeQuery(PageFakes.CLIENT)).send();

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    String cookie = Api.all(page, "Set-Cookie").get(0);
    assertThat(cookie)
        .startsWith(PageRoutes.AUTHORIZE_COOKIE + "=")
        .contains("; Path=/oauth2/authorize", "; HttpOnly", "; SameSite=Lax")
        .doesNotContain("Secure"); // an http issuer on loopback
    String csp = page.header("Content-Security-Policy").orElseThrow();
    assertThat(csp)
        .contains("default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'")
        .contains("form-action 'self' http://127.0.0.1:*")
        .doesNotContain("unsafe-inline", "script-src");
    Matcher nonce = Pattern.compile("style-src 'nonce-([^']+)'").matcher(csp);
    assertThat(nonce.find()).isTrue();
    assertThat(page.body()).contains("<style nonce=\"" + nonce.group(1) + "\">");
    assertThat(page.header("Referrer-Policy")).contains("same-origin");
    assertThat(page.body())
        .contains("<label for=\"identifier\">", "<label for=\"password\">")
        .contains("name=\"viewport\"")
        .contains("Photo Printer &lt;Beta&gt;") // auto-escaped
        .doesNotContain("<Beta>", "<script");
  }

  @Test
  void authorize_withAnUnknownClient_showsAnErrorPageAndNeverRedirects() {
    Res page = api.get(authorizeQuery("nobody")).send();

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.header("Location")).isEmpty();
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(page.body()).contains("unknown client", "invalid_request");
  }

  @Test
  void login_wrongPassword_showsThePlainWordsError() {
    Session s = begin();

    Res page =
        post(
            "/oauth2/authorize/login",
            s,
            "csrf=" + s.csrf() + "&identifier=alice%40example.com&password=nope",
            pages.issuer);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("The email or password is wrong.")
        .contains("value=\"alice@example.com\"")
        .doesNotContain("nope");
  }

  @Test
  void fullFlow_loginConsentApprove_redirectsWithCodeStateAndIss() {
    Session s = begin();
    Res consent =
        post(
            "/oauth2/authorize/login",
            s,
            "csrf="
                + s.csrf()
                + "&identifier=alice%40example.com&password=correct+horse+battery+staple",
            pages.issuer);
    assertThat(consent.body()).contains("See your photos", "photos.read", "Know your name");

    Res redirect =
        post(
            "/oauth2/authorize/consent", s, "csrf=" + s.csrf() + "&decision=approve", pages.issuer);

    assertThat(redirect.status()).isEqualTo(303);
    assertThat(redirect.header("Location").orElseThrow())
        .startsWith("http://127.0.0.1:9/callback?code=")
        .contains("&state=xyz&iss=" + URLEncoder.encode(pages.issuer, StandardCharsets.UTF_8));
    assertThat(Api.all(redirect, "Set-Cookie"))
        .anySatisfy(
            c ->
                assertThat(c).startsWith(PageRoutes.AUTHORIZE_COOKIE + "=;").contains("Max-Age=0"));
  }

  @Test
  void post_withoutCsrfToken_isRefusedAndChangesNothing() {
    Session s = begin();
    pages.fakes.calls.clear();

    Res page =
        post(
            "/oauth2/authorize/login",
            s,
            "identifier=alice%40example.com&password=x",
            pages.issuer);

    assertThat(page.status()).isEqualTo(403);
    assertThat(page.body()).contains("csrf_refused", "Nothing was changed");
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void post_withAnotherInteractionsCsrfToken_isRefused() {
    Session mine = begin();
    Session other = begin();
    pages.fakes.calls.clear();

    Res page =
        post("/oauth2/authorize/consent", mine, "csrf=" + other.csrf() + "&decision=approve", null);

    assertThat(page.status()).isEqualTo(403);
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void post_withoutTheCookie_isRefused() {
    Session s = begin();
    pages.fakes.calls.clear();

    Res page =
        post("/oauth2/authorize/consent", null, "csrf=" + s.csrf() + "&decision=approve", null);

    assertThat(page.status()).isEqualTo(403);
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void post_fromAnotherOrigin_isRefused_evenWithTheRightToken() {
    Session s = begin();
    pages.fakes.calls.clear();

    for (String origin : List.of("https://evil.example", "null", "http://127.0.0.1:1")) {
      Res page =
          post("/oauth2/authorize/consent", s, "csrf=" + s.csrf() + "&decision=approve", origin);
      assertThat(page.status()).as(origin).isEqualTo(403);
    }
    Res crossSite =
        api.post("/oauth2/authorize/consent")
            .raw(FORM, "csrf=" + s.csrf() + "&decision=approve")
            .header("Cookie", s.cookie())
            .header("Sec-Fetch-Site", "cross-site")
            .send();
    assertThat(crossSite.status()).isEqualTo(403);
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void errorsOnThePagesPaths_areHtml_notJson() {
    Session s = begin();

    Res page =
        api.post("/oauth2/authorize/login")
            .raw("application/json", "{}")
            .header("Cookie", s.cookie())
            .send();

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(page.header("Content-Security-Policy").orElseThrow())
        .contains("frame-ancestors 'none'");
  }

  @Test
  void device_enterCodeLoginConfirm_endsOnTheDonePage() {
    Res entry = api.get("/device").send();
    assertThat(entry.status()).isEqualTo(200);
    assertThat(entry.body()).contains("<label for=\"user_code\">");
    Session s = session(entry, PageRoutes.DEVICE_COOKIE);
    assertThat(Api.all(entry, "Set-Cookie").get(0)).contains("; Path=/device");

    Res wrong =
        post("/device", s, "csrf=" + s.csrf() + "&step=code&user_code=XXXX-XXXX", pages.issuer);
    assertThat(wrong.body()).contains("not valid or has expired", "value=\"XXXX-XXXX\"");
    Res login =
        post("/device", s, "csrf=" + s.csrf() + "&step=code&user_code=bcdf+ghjk", pages.issuer);
    assertThat(login.body()).contains("name=\"step\" value=\"login\"");
    Res confirm =
        post(
            "/device",
            s,
            "csrf="
                + s.csrf()
                + "&step=login&identifier=alice%40example.com&password=correct+horse+battery+staple",
            pages.issuer);
    assertThat(confirm.body())
        .contains("Did you start this on your device?", "Living-room TV", "BCDF-GHJK");
    Res done =
        post("/device", s, "csrf=" + s.csrf() + "&step=confirm&decision=approve", pages.issuer);

    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("Device connected");
    assertThat(pages.fakes.calls)
        .containsSubsequence("device-code", "device-login", "device-approve");
  }

  @Test
  void device_postWithAnUnknownStep_isA400ErrorPageNamingTheStep_notA500() {
    Res entry = api.get("/device").send();
    Session s = session(entry, PageRoutes.DEVICE_COOKIE);
    pages.fakes.calls.clear();

    Res page = post("/device", s, "csrf=" + s.csrf() + "&step=teleport", pages.issuer);

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.header("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
    assertThat(page.body()).contains("step").contains("code, login, mfa or confirm");
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void device_postWithoutCsrf_isRefused() {
    Res entry = api.get("/device").send();
    Session s = session(entry, PageRoutes.DEVICE_COOKIE);
    pages.fakes.calls.clear();

    Res page = post("/device", s, "step=code&user_code=BCDF-GHJK", pages.issuer);

    assertThat(page.status()).isEqualTo(403);
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void formTargets_areOrigins_anyPortForLoopback_schemeForPrivateUse() {
    assertThat(
            PageHeaders.formTargets(
                List.of(
                    "http://127.0.0.1/callback",
                    "http://[::1]/cb",
                    "https://app.example.com:8443/cb?x=1",
                    "https://App.Example.com/other",
                    "com.example.app:/oauth2redirect",
                    "https://bad host/cb")))
        .containsExactly(
            "http://127.0.0.1:*",
            "http://[::1]:*",
            "https://app.example.com:8443",
            "https://app.example.com",
            "com.example.app:");
  }
}
