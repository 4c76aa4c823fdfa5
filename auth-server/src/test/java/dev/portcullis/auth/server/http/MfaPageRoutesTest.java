package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second-factor page of both browser flows over real loopback HTTP, with the flows faked
 * ({@link PageFakes}): the form (label, no script, {@code autocomplete="one-time-code"}, numeric
 * input mode), its CSRF check, a wrong code, the end after five, and the way on to the consent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MfaPageRoutesTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final String PASSWORD = "&password=correct+horse+battery+staple";

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

  private Res post(String path, Session s, String form) {
    return api.post(path)
        .raw(FORM, form)
        .header("Cookie", s.cookie())
        .header("Origin", pages.issuer)
        .send();
  }

  /** The authorize flow of {@link PageFakes#MFA_USER} up to the code page. */
  private Session codePage() {
    Res login =
        api.get(
                "/oauth2/authorize?response_type=code&client_id="
                    + PageFakes.CLIENT
                    + "&redirect_uri="
                    + URLEncoder.encode("http://127.0.0.1:9/callback", StandardCharsets.UTF_8)
                    + "&state=xyz&code_challenge=abc&code_challenge_method=S256")
            .send();
    Session s = session(login, PageRoutes.AUTHORIZE_COOKIE);
    Res code =
        post(
            "/oauth2/authorize/login",
            s,
            "csrf=" + s.csrf() + "&identifier=carol%40example.com" + PASSWORD);
    assertThat(code.status()).isEqualTo(200);
    assertThat(code.body()).contains("action=\"/oauth2/authorize/mfa\"");
    return s;
  }

  @Test
  void thePassword_ofAUserWithASecondFactor_leadsToTheCodePage() {
    Session s = codePage();

    Res page =
        post(
            "/oauth2/authorize/login",
            s,
            "csrf=" + s.csrf() + "&identifier=carol%40example.com" + PASSWORD);

    assertThat(page.body())
        .contains("<h1>Enter your code</h1>", "Photo Printer &lt;Beta&gt;")
        .contains("<label for=\"code\">Enter the 6-digit code from your authenticator app,")
        .contains("id=\"code\" name=\"code\" inputmode=\"numeric\"")
        .contains("autocomplete=\"one-time-code\"", "required", "autofocus")
        .doesNotContain("<script", "type=\"password\"");
    assertThat(page.header("Content-Security-Policy").orElseThrow())
        .contains("form-action 'self' http://127.0.0.1:*")
        .doesNotContain("script-src");
  }

  @Test
  void theRightCode_leadsToTheConsent_thenTheRedirect() {
    Session s = codePage();

    Res consent =
        post("/oauth2/authorize/mfa", s, "csrf=" + s.csrf() + "&code=" + PageFakes.MFA_CODE);
    assertThat(consent.body()).contains("See your photos");
    Res redirect = post("/oauth2/authorize/consent", s, "csrf=" + s.csrf() + "&decision=approve");

    assertThat(redirect.status()).isEqualTo(303);
    assertThat(redirect.header("Location").orElseThrow())
        .startsWith("http://127.0.0.1:9/callback?code=");
    assertThat(pages.fakes.calls).containsSubsequence("login", "mfa", "approve");
  }

  @Test
  void aWrongCode_showsThePageAgain_withTheAttemptsLeft_andFiveEndTheSignInPlainly() {
    Session s = codePage();

    Res again = post("/oauth2/authorize/mfa", s, "csrf=" + s.csrf() + "&code=000000");
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body())
        .contains("role=\"alert\"", "That code is wrong or was already used. 4 attempts left.")
        .doesNotContain("000000");
    Res last = again;
    for (int i = 0; i < 4; i++) {
      last = post("/oauth2/authorize/mfa", s, "csrf=" + s.csrf() + "&code=000000");
    }

    assertThat(last.status()).isEqualTo(400);
    assertThat(last.header("Location")).isEmpty();
    assertThat(last.body())
        .contains("Too many wrong codes: this sign-in has ended.", "start again");
  }

  @Test
  void aCodePost_withoutTheCsrfToken_isRefusedAndChecksNothing() {
    Session s = codePage();
    pages.fakes.calls.clear();

    Res refused = post("/oauth2/authorize/mfa", s, "code=" + PageFakes.MFA_CODE);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(pages.fakes.calls).isEmpty();
  }

  @Test
  void device_thePasswordOfAUserWithASecondFactor_asksForTheCode_thenConfirms() {
    Res entry = api.get("/device?user_code=BCDF-GHJK").send();
    Session s = session(entry, PageRoutes.DEVICE_COOKIE);
    Res code =
        post(
            "/device",
            s,
            "csrf=" + s.csrf() + "&step=login&identifier=carol%40example.com" + PASSWORD);
    assertThat(code.body())
        .contains("name=\"step\" value=\"mfa\"", "autocomplete=\"one-time-code\"")
        .contains("inputmode=\"numeric\"");

    Res wrong = post("/device", s, "csrf=" + s.csrf() + "&step=mfa&code=000000");
    assertThat(wrong.body()).contains("4 attempts left.");
    Res confirm = post("/device", s, "csrf=" + s.csrf() + "&step=mfa&code=" + PageFakes.MFA_CODE);

    assertThat(confirm.body()).contains("Did you start this on your device?");
    assertThat(pages.fakes.calls).containsSubsequence("device-login", "device-mfa");
  }
}
