package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.core.mfa.Totp;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16 end to end over real HTTP: enrol TOTP, confirm, log in with a code (amr pwd+otp), a
 * replayed code refused, recovery with a recovery code (once), removal with a fresh password. Time
 * moves with the injected clock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MfaHttpTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private PortcullisServer server;
  private Api api;
  private int counter;

  @BeforeAll
  void start() {
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.server.trusted-proxies = \"127.0.0.1, ::1\"",
                        "auth.mfa.enabled = true",
                        "auth.mfa.issuer = \"Portcullis Test\"")))
            .dataDir(dataDir)
            .clock(clock)
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

  private String ip() {
    counter++;
    return "10.16.0." + counter;
  }

  private Res login(String email) {
    return api.post("/auth/login")
        .from(ip())
        .json(obj("email", email, "password", PASSWORD))
        .send();
  }

  private static JsonNode claims(String jwt) {
    try {
      return JSON.readTree(
          new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String code(byte[] seed) {
    return Totp.code(seed, Totp.step(clock.instant()));
  }

  private record Enrolled(String email, byte[] seed, List<String> recoveryCodes) {}

  private Enrolled enrolled() {
    String email = "mfa" + (++counter) + "@example.com";
    Res reg =
        api.post("/auth/register")
            .from(ip())
            .json(obj("email", email, "password", PASSWORD))
            .send();
    assertThat(reg.status()).as(reg.toString()).isEqualTo(201);
    String access = login(email).text("access_token");

    Res enrol = api.post("/auth/mfa/totp").bearer(access).send();
    assertThat(enrol.status()).as(enrol.toString()).isEqualTo(200);
    assertThat(enrol.header("Cache-Control")).contains("no-store");
    assertThat(enrol.text("otpauth_uri")).startsWith("otpauth://totp/Portcullis%20Test:");
    assertThat(enrol.text("qr_svg")).startsWith("<svg");
    byte[] seed = dev.portcullis.auth.core.mfa.internal.Base32.decode(enrol.text("secret"));

    Res confirm =
        api.post("/auth/mfa/totp/confirm").bearer(access).json(obj("code", code(seed))).send();
    assertThat(confirm.status()).as(confirm.toString()).isEqualTo(200);
    List<String> codes = new ArrayList<>();
    confirm.json().path("recovery_codes").forEach(n -> codes.add(n.asText()));
    assertThat(codes).hasSize(10);
    clock.advance(Duration.ofSeconds(30));
    return new Enrolled(email, seed, codes);
  }

  @Test
  void login_withTotp_givesAPendingChallenge_thenTokensWithAmrPwdOtp_andAReplayIsRefused() {
    Enrolled e = enrolled();

    Res first = login(e.email());
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().path("mfa_required").asBoolean()).isTrue();
    assertThat(first.json().has("access_token")).isFalse();
    assertThat(first.json().path("methods").toString()).isEqualTo("[\"totp\",\"recovery_code\"]");
    assertThat(first.json().path("expires_in").asLong()).isEqualTo(300);
    String code = code(e.seed());

    Res tokens =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", first.text("mfa_token"), "code", code))
            .send();
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    assertThat(claims(tokens.text("access_token")).path("amr").toString())
        .isEqualTo("[\"pwd\",\"otp\"]");

    Res second = login(e.email());
    Res replay =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", second.text("mfa_token"), "code", code))
            .send();
    assertThat(replay.status()).as(replay.toString()).isEqualTo(401);
    assertThat(replay.code()).isEqualTo("invalid_mfa_code");
  }

  @Test
  void verify_isRateLimitedPerClientAddress_likeLogin() {
    String address = "10.17.0.1";
    for (int i = 0; i < 10; i++) {
      Res refused =
          api.post("/auth/mfa/verify")
              .from(address)
              .json(obj("mfa_token", "not-a-challenge", "code", "123456"))
              .send();
      assertThat(refused.code()).as(refused.toString()).isEqualTo("mfa_challenge_invalid");
    }

    Res limited =
        api.post("/auth/mfa/verify")
            .from(address)
            .json(obj("mfa_token", "not-a-challenge", "code", "123456"))
            .send();

    assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("rate_limited");
    assertThat(limited.header("Retry-After")).isPresent();
    Res elsewhere =
        api.post("/auth/mfa/verify")
            .from("10.17.0.2")
            .json(obj("mfa_token", "not-a-challenge", "code", "123456"))
            .send();
    assertThat(elsewhere.code()).isEqualTo("mfa_challenge_invalid");
  }

  @Test
  void recoveryCode_completesALoginOnce() {
    Enrolled e = enrolled();
    String recovery = e.recoveryCodes().get(0);

    Res ok =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", login(e.email()).text("mfa_token"), "code", recovery))
            .send();
    Res again =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", login(e.email()).text("mfa_token"), "code", recovery))
            .send();

    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(again.status()).as(again.toString()).isEqualTo(401);
    assertThat(again.code()).isEqualTo("invalid_mfa_code");
  }

  @Test
  void remove_withAFreshPassword_thenLoginGivesTokensAgain() {
    Enrolled e = enrolled();
    String access =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", login(e.email()).text("mfa_token"), "code", code(e.seed())))
            .send()
            .text("access_token");

    Res wrong = api.delete("/auth/mfa/totp").bearer(access).json(obj("password", "not it")).send();
    Res removed =
        api.delete("/auth/mfa/totp").bearer(access).json(obj("password", PASSWORD)).send();

    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    assertThat(login(e.email()).json().has("access_token")).isTrue();
  }

  private String signedIn(Enrolled e) {
    Res tokens =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", login(e.email()).text("mfa_token"), "code", code(e.seed())))
            .send();
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(30)); // the next login needs the next step's code
    return tokens.text("access_token");
  }

  @Test
  void remove_withEndOtherSessions_endsEveryOtherSession_andKeepsThisOne() {
    Enrolled e = enrolled();
    String here = signedIn(e);
    String elsewhere = signedIn(e);

    Res removed =
        api.delete("/auth/mfa/totp")
            .bearer(here)
            .json(obj("password", PASSWORD, "end_other_sessions", true))
            .send();

    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    assertThat(api.get("/auth/me").bearer(here).send().status()).isEqualTo(200);
    assertThat(api.get("/auth/me").bearer(elsewhere).send().status()).isEqualTo(401);
  }

  @Test
  void remove_withoutEndOtherSessions_leavesThemAlone() {
    Enrolled e = enrolled();
    String here = signedIn(e);
    String elsewhere = signedIn(e);

    Res removed =
        api.delete("/auth/mfa/totp").bearer(here).json(obj("code", code(e.seed()))).send();

    assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
    assertThat(api.get("/auth/me").bearer(elsewhere).send().status()).isEqualTo(200);
  }

  @Test
  void remove_wrongPasswords_countTowardsTheLockout_soGuessingThroughItEnds() {
    Enrolled e = enrolled();
    String access = signedIn(e);
    for (int i = 0; i < 5; i++) {
      Res wrong =
          api.delete("/auth/mfa/totp").bearer(access).json(obj("password", "guess " + i)).send();
      assertThat(wrong.code()).as(wrong.toString()).isIn("invalid_credentials", "account_locked");
    }

    Res right = api.delete("/auth/mfa/totp").bearer(access).json(obj("password", PASSWORD)).send();

    assertThat(right.status()).as(right.toString()).isEqualTo(423);
    assertThat(right.code()).isEqualTo("account_locked");
  }

  @Test
  void verify_withAnUnknownToken_isMfaChallengeInvalid() {
    Res r =
        api.post("/auth/mfa/verify")
            .from(ip())
            .json(obj("mfa_token", "nope", "code", "123456"))
            .send();

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.code()).isEqualTo("mfa_challenge_invalid");
  }
}
