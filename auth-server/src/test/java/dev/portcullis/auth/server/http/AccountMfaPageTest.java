package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.mfa.Totp;
import dev.portcullis.auth.core.mfa.internal.Base32;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TOTP enrolment page ({@code /account/mfa}, issue 16) over real loopback HTTP on the real
 * modules (memory stores, MFA on): sign in, the QR code and secret, a wrong first code (the same
 * pending seed shown again), the right one (the recovery codes, once), the refused forms (no CSRF
 * token, the pre-sign-in id after the rotation), an already enrolled user, and MFA off. Time moves
 * with the injected clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class AccountMfaPageTest {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String PASSWORD = "correct horse battery staple 4 enrolment";
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Pattern SECRET = Pattern.compile("id=\"secret\">([A-Z2-7 ]+)<");
  private static final Pattern RECOVERY = Pattern.compile("<li>([a-z0-9-]+)</li>");

  @TempDir static Path dataDir;
  @TempDir static Path offDataDir;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private PortcullisServer server;
  private String issuer;
  private Api api;
  private int users;

  @BeforeAll
  void start() {
    int port = freePort();
    issuer = "http://127.0.0.1:" + port;
    server = server(port, true, dataDir);
    api = new Api(URI.create(issuer));
  }

  private PortcullisServer server(int port, boolean mfa, Path dir) {
    return PortcullisServer.builder()
        .config(
            TestConfigs.config(
                String.join(
                    "\n",
                    "auth.server.store = memory",
                    "auth.server.port = " + port,
                    "auth.token.issuer = \"http://127.0.0.1:" + port + "\"",
                    "auth.oauth.enabled = true",
                    "auth.server.trusted-proxies = \"127.0.0.1, ::1\"",
                    "auth.rate-limit.login = \"100/minute\"",
                    "auth.mfa.enabled = " + mfa,
                    "auth.mfa.issuer = \"Portcullis Test\"")))
        .dataDir(dir)
        .clock(clock)
        .build()
        .start();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private record Session(String cookie, String csrf) {}

  private static Session session(Res page) {
    String setCookie =
        Api.all(page, "Set-Cookie").stream()
            .filter(c -> c.startsWith(PageRoutes.ACCOUNT_COOKIE + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError(page.toString()));
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as(page.body()).isTrue();
    return new Session(setCookie.substring(0, setCookie.indexOf(';')), m.group(1));
  }

  private Res post(Session s, String form) {
    return api.post("/account/mfa")
        .raw(FORM, form)
        .header("Cookie", s.cookie())
        .header("Origin", issuer)
        .send();
  }

  private String register() {
    String email = "enrol" + (++users) + "@example.com";
    Res r = api.post("/auth/register").json(obj("email", email, "password", PASSWORD)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return email;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The page after the password: the enrolment page, or the code page of an enrolled user. */
  private Res signIn(String email, Session[] out) {
    Res first = api.get("/account/mfa").send();
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body()).contains("<h1>Sign in</h1>", "name=\"step\" value=\"login\"");
    Session s = session(first);
    Res next =
        post(
            s,
            "csrf="
                + s.csrf()
                + "&step=login&identifier="
                + enc(email)
                + "&password="
                + enc(PASSWORD));
    assertThat(next.status()).as(next.toString()).isEqualTo(200);
    out[0] = session(next);
    // The id rotates at sign-in: the one from before it is of no use afterwards.
    assertThat(out[0].cookie()).isNotEqualTo(s.cookie());
    Res stale = post(s, "csrf=" + s.csrf() + "&step=code&code=123456");
    assertThat(stale.status()).isEqualTo(403);
    return next;
  }

  private static byte[] seed(Res enrolPage) {
    Matcher m = SECRET.matcher(enrolPage.body());
    assertThat(m.find()).as(enrolPage.body()).isTrue();
    return Base32.decode(m.group(1).replace(" ", ""));
  }

  private String code(byte[] seed) {
    return Totp.code(seed, Totp.step(clock.instant()));
  }

  @Test
  void signIn_showsTheQrCodeAndSecret_aWrongCodeShowsTheSamePendingSeed_theRightOneTheCodesOnce() {
    String email = register();
    Session[] s = new Session[1];
    Res enrol = signIn(email, s);

    assertThat(enrol.body())
        .contains("<h1>Set up two-step sign-in</h1>", "<svg xmlns=\"http://www.w3.org/2000/svg\"")
        .contains("<label for=\"code\">Enter the 6-digit code the app shows</label>")
        .contains("id=\"code\" name=\"code\" inputmode=\"numeric\" autocomplete=\"one-time-code\"")
        .contains("id=\"account\">" + email + "<")
        .doesNotContain("<script", "otpauth://");
    assertThat(enrol.body()).containsPattern("id=\"secret\">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<");
    assertThat(enrol.header("Content-Security-Policy").orElseThrow())
        .startsWith("default-src 'none'; style-src 'nonce-")
        .doesNotContain("script-src", "unsafe-inline");
    assertThat(enrol.header("Cache-Control")).contains("no-store");
    byte[] seed = seed(enrol);
    String svg =
        enrol.body().substring(enrol.body().indexOf("<svg"), enrol.body().indexOf("</svg>"));

    Res wrong = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + wrongCode(seed));
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.body()).contains("role=\"alert\"", "That code is not right.").contains(svg);
    assertThat(seed(wrong)).isEqualTo(seed);

    Res done = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed));
    assertThat(done.status()).as(done.toString()).isEqualTo(200);
    assertThat(done.body()).contains("Save your recovery codes", "this page shows them only");
    assertThat(done.header("Cache-Control")).contains("no-store");
    Matcher codes = RECOVERY.matcher(done.body());
    int count = 0;
    while (codes.find()) {
      count++;
    }
    assertThat(count).isEqualTo(10);
    assertThat(Api.all(done, "Set-Cookie"))
        .anyMatch(c -> c.startsWith(PageRoutes.ACCOUNT_COOKIE + "=;") && c.contains("Max-Age=0"));

    // Never retrievable again: the interaction is gone.
    Res again = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed));
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.body()).doesNotContain("<li>");
  }

  private String wrongCode(byte[] seed) {
    String right = code(seed);
    return right.equals("000000") ? "111111" : "000000";
  }

  @Test
  void aForm_withoutTheCsrfToken_isRefused_andThePendingEnrolmentStays() {
    String email = register();
    Session[] s = new Session[1];
    Res enrol = signIn(email, s);
    byte[] seed = seed(enrol);

    Res refused = post(s[0], "step=code&code=" + code(seed));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).contains("Request refused").doesNotContain("<li>");
    Res otherSite =
        api.post("/account/mfa")
            .raw(FORM, "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed))
            .header("Cookie", s[0].cookie())
            .header("Origin", "https://evil.example")
            .send();
    assertThat(otherSite.status()).isEqualTo(403);

    Res done = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed));
    assertThat(done.body()).contains("Save your recovery codes");
  }

  @Test
  void anEnrolledUser_passesTheCodeStep_andIsToldItIsAlreadyOn_withoutANewSeed() {
    String email = register();
    Session[] s = new Session[1];
    byte[] seed = seed(signIn(email, s));
    assertThat(post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed)).body())
        .contains("Save your recovery codes");
    clock.advance(Duration.ofSeconds(30));

    Res codePage = signIn(email, s);
    assertThat(codePage.body())
        .contains("<h1>Enter your code</h1>", "name=\"step\" value=\"code\"")
        .doesNotContain("<svg");
    Res wrong = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + wrongCode(seed));
    assertThat(wrong.body()).contains("That code is wrong or was already used. 4 attempts left.");
    Res already = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed));

    assertThat(already.body()).contains("Two-step sign-in is already on").doesNotContain("<svg");
    // The active factor is untouched: its code step was used, so the same code is refused now.
    Res login = api.post("/auth/login").json(obj("email", email, "password", PASSWORD)).send();
    assertThat(login.text("mfa_required")).isEqualTo("true");
    Res replay =
        api.post("/auth/mfa/verify")
            .json(obj("mfa_token", login.text("mfa_token"), "code", code(seed)))
            .send();
    assertThat(replay.status()).isEqualTo(401);
  }

  @Test
  void anEnrolledUser_whoseCodeComesAfterTheChallengeTtl_signsInAgain() {
    String email = register();
    Session[] s = new Session[1];
    byte[] seed = seed(signIn(email, s));
    assertThat(post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed)).body())
        .contains("Save your recovery codes");
    clock.advance(Duration.ofSeconds(30));
    signIn(email, s);

    clock.advance(Duration.ofMinutes(5)); // auth.mfa.challenge-ttl
    Res late = post(s[0], "csrf=" + s[0].csrf() + "&step=code&code=" + code(seed));

    assertThat(late.body())
        .contains("The time to enter the code has run out", "<h1>Sign in</h1>")
        .doesNotContain("already on");
  }

  @Test
  void theWrongPassword_staysOnTheSignInPage() {
    String email = register();
    Res first = api.get("/account/mfa").send();
    Session s = session(first);

    Res wrong =
        post(s, "csrf=" + s.csrf() + "&step=login&identifier=" + enc(email) + "&password=nope");

    assertThat(wrong.body())
        .contains("The identifier or the password is wrong.")
        .doesNotContain("<svg");
  }

  @Test
  void startingThePage_isRateLimitedPerClientAddress_withAnErrorPage() {
    for (int i = 0; i < 30; i++) {
      assertThat(api.get("/account/mfa").from("10.20.0.1").send().status()).isEqualTo(200);
    }

    Res limited = api.get("/account/mfa").from("10.20.0.1").send();

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(limited.body()).contains("rate_limited");
    assertThat(Api.all(limited, "Set-Cookie")).noneMatch(c -> c.startsWith("portcullis_account"));
    assertThat(api.get("/account/mfa").from("10.20.0.2").send().status()).isEqualTo(200);
  }

  @Test
  void mfaOff_thePageNamesTheSetting() {
    int port = freePort();
    PortcullisServer off = server(port, false, offDataDir);
    try {
      Res page = new Api(URI.create("http://127.0.0.1:" + port)).get("/account/mfa").send();

      assertThat(page.status()).isEqualTo(404);
      assertThat(page.header("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(page.body()).contains("auth.mfa.enabled", "AUTH_MFA_ENABLED");
      assertThat(Api.all(page, "Set-Cookie")).noneMatch(c -> c.startsWith("portcullis_account"));
    } finally {
      off.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
