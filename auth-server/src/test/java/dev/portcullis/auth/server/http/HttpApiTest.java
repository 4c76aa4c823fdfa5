package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every row of the API table, bad input, lockout and refresh reuse, end to end over real HTTP
 * against one server on a random port. The server trusts loopback as a proxy, so each test picks
 * its own client address with X-Forwarded-For and per-address rate limits never collide; time moves
 * with the injected clock, never by sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HttpApiTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String ADMIN = "admin-secret-for-tests-0123456789abcdef";
  private static final String SYNC = "sync-secret-for-tests-0123456789abcdefgh";
  private static final String METRICS = "metrics-token-for-tests-0123456789abcdef";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final List<String> requestLog = new CopyOnWriteArrayList<>();
  private final BlockingQueue<JsonNode> webhook = new LinkedBlockingQueue<>();
  private HttpServer mailer;
  private PortcullisServer server;
  private Api api;

  @BeforeAll
  void start() throws IOException {
    mailer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    mailer.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          JsonNode doc = JSON.readTree(body);
          ((com.fasterxml.jackson.databind.node.ObjectNode) doc)
              .put(
                  "secret_header",
                  exchange.getRequestHeaders().getFirst("X-Portcullis-Webhook-Secret"));
          webhook.add(doc);
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    mailer.start();
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.server.trusted-proxies = \"127.0.0.1, ::1\"",
                        "auth.server.cors.allowed-origins = \"https://app.example.com\"",
                        "auth.server.admin-secret = \"" + ADMIN + "\"",
                        "auth.server.sync-secret = \"" + SYNC + "\"",
                        "auth.server.metrics-token = \"" + METRICS + "\"",
                        "auth.server.notify.webhook-url = \"http://127.0.0.1:"
                            + mailer.getAddress().getPort()
                            + "/hook\"",
                        "auth.server.notify.webhook-secret = \"webhook-secret-0123456789abcdefghij\"")))
            .dataDir(dataDir)
            .clock(clock)
            .requestLog(RequestLog.to(requestLog::add))
            .build()
            .start();
    api = new Api(server.uri());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (mailer != null) {
      mailer.stop(0);
    }
  }

  // --- helpers -----------------------------------------------------------------------------

  /** A client address of this test's own, so per-address limits never collide. */
  private static String ip() {
    int n = COUNTER.incrementAndGet();
    return "10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256);
  }

  private static String email() {
    return "user" + COUNTER.incrementAndGet() + "@example.com";
  }

  private String register(String email, String ip) {
    Res r =
        api.post("/auth/register")
            .from(ip)
            .json(obj("email", email, "password", PASSWORD, "name", "Test User"))
            .send();
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.text("id");
  }

  private Res login(String email, String password, String ip) {
    return api.post("/auth/login").from(ip).json(obj("email", email, "password", password)).send();
  }

  /** Registers a fresh user and logs in; returns the token response. */
  private JsonNode session(String email, String ip) {
    Res r = login(email, PASSWORD, ip);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private Res me(String accessToken) {
    return api.get("/auth/me").bearer(accessToken).send();
  }

  private static void assertProblem(Res r, int status, String code) {
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode p = r.json();
    assertThat(p.path("type").asText()).isEqualTo("urn:portcullis:problem:" + code);
    assertThat(p.path("title").asText()).isNotBlank();
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("detail").asText()).isNotBlank();
    assertThat(p.path("code").asText()).isEqualTo(code);
  }

  // --- POST /auth/register ------------------------------------------------------------------

  @Nested
  final class Register {
    @Test
    void register_answers201WithIdEmailAndName() {
      String email = email();
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", email, "password", PASSWORD, "name", "Alice"))
              .send();
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.text("id")).isNotBlank();
      assertThat(r.text("email")).isEqualTo(email);
      assertThat(r.text("name")).isEqualTo("Alice");
    }

    @Test
    void register_withoutName_isAllowed() {
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", email(), "password", PASSWORD))
              .send();
      assertThat(r.status()).isEqualTo(201);
      assertThat(r.json().path("name").isNull()).isTrue();
    }

    @Test
    void register_weakPassword_answers400PasswordPolicyWithEveryViolation() {
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", email(), "password", "short"))
              .send();
      assertProblem(r, 400, "password_policy");
      assertThat(r.json().path("violations").size()).isGreaterThanOrEqualTo(1);
      assertThat(r.json().path("violations").get(0).path("code").asText()).isNotBlank();
      assertThat(r.json().path("violations").get(0).path("message").asText()).isNotBlank();
    }

    @Test
    void register_takenEmail_answers409IdentifierTaken() {
      String email = email();
      register(email, ip());
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", email.toUpperCase(java.util.Locale.ROOT), "password", PASSWORD))
              .send();
      assertProblem(r, 409, "identifier_taken");
    }

    @Test
    void register_notAnEmail_answers400() {
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", "not-an-email", "password", PASSWORD))
              .send();
      assertProblem(r, 400, "invalid_request");
      assertThat(r.text("detail")).contains("email");
    }
  }

  // --- POST /auth/login ---------------------------------------------------------------------

  @Nested
  final class Login {
    @Test
    void login_answersTokenResponseThatIsNotCached() {
      String email = email();
      register(email, ip());
      Res r = login(email, PASSWORD, ip());
      assertThat(r.status()).isEqualTo(200);
      JsonNode t = r.json();
      assertThat(t.path("access_token").asText()).isNotBlank();
      assertThat(t.path("token_type").asText()).isEqualTo("Bearer");
      assertThat(t.path("expires_in").asLong()).isEqualTo(900);
      assertThat(t.path("refresh_token").asText()).isNotBlank();
      assertThat(t.path("refresh_expires_in").asLong()).isEqualTo(7 * 24 * 3600);
      assertThat(r.header("Cache-Control")).contains("no-store");
      assertThat(r.header("Pragma")).contains("no-cache");
    }

    @Test
    void login_wrongPassword_andUnknownUser_answerTheSame401() {
      String email = email();
      register(email, ip());
      Res wrong = login(email, "wrong password entirely", ip());
      Res unknown = login(email(), PASSWORD, ip());
      assertProblem(wrong, 401, "invalid_credentials");
      assertProblem(unknown, 401, "invalid_credentials");
      assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
    }

    @Test
    void login_fiveFailures_lockTheAccount_423WithRetryAfter_untilTheLockEnds() {
      String email = email();
      register(email, ip());
      // An attacker spread over many addresses, so only the per-identifier lockout applies.
      for (int i = 0; i < 4; i++) {
        assertProblem(login(email, "wrong password " + i, ip()), 401, "invalid_credentials");
      }
      Res fifth = login(email, "wrong password 5", ip());
      assertThat(fifth.status()).isIn(401, 423);
      Res locked = login(email, PASSWORD, ip());
      assertProblem(locked, 423, "account_locked");
      long retry = Long.parseLong(locked.header("Retry-After").orElseThrow());
      assertThat(retry).isBetween(1L, 300L);
      assertThat(locked.json().path("retry_after").asLong()).isEqualTo(retry);

      clock.advance(Duration.ofSeconds(retry + 1));
      assertThat(login(email, PASSWORD, ip()).status()).isEqualTo(200);
    }

    @Test
    void login_sixthAttemptFromOneAddressWithinAMinute_answers429WithRetryAfter() {
      String email = email();
      register(email, ip());
      String attacker = ip();
      for (int i = 0; i < 5; i++) {
        login(email(), PASSWORD, attacker);
      }
      Res limited = login(email, PASSWORD, attacker);
      assertProblem(limited, 429, "rate_limited");
      long retry = Long.parseLong(limited.header("Retry-After").orElseThrow());
      assertThat(retry).isBetween(1L, 60L);
      assertThat(limited.json().path("retry_after").asLong()).isEqualTo(retry);
    }
  }

  // --- POST /auth/refresh -------------------------------------------------------------------

  @Nested
  final class Refresh {
    @Test
    void refresh_rotatesThePair() {
      String email = email();
      register(email, ip());
      JsonNode first = session(email, ip());
      Res r =
          api.post("/auth/refresh")
              .json(obj("refresh_token", first.path("refresh_token").asText()))
              .send();
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      assertThat(r.text("refresh_token")).isNotEqualTo(first.path("refresh_token").asText());
      assertThat(r.header("Cache-Control")).contains("no-store");
      assertThat(me(r.text("access_token")).status()).isEqualTo(200);
    }

    @Test
    void refresh_reusedToken_answersRefreshTokenReused_andRevokesTheWholeSession() {
      String email = email();
      register(email, ip());
      JsonNode first = session(email, ip());
      String r1 = first.path("refresh_token").asText();
      Res second = api.post("/auth/refresh").json(obj("refresh_token", r1)).send();
      assertThat(second.status()).isEqualTo(200);

      Res reuse = api.post("/auth/refresh").json(obj("refresh_token", r1)).send();
      assertProblem(reuse, 401, "refresh_token_reused");

      Res accessAfter = me(second.text("access_token"));
      assertProblem(accessAfter, 401, "token_revoked");
      Res refreshAfter =
          api.post("/auth/refresh").json(obj("refresh_token", second.text("refresh_token"))).send();
      assertProblem(refreshAfter, 401, "token_revoked");
    }

    @Test
    void refresh_garbage_answers401TokenMalformed() {
      Res r = api.post("/auth/refresh").json(obj("refresh_token", "not.a.token")).send();
      assertProblem(r, 401, "token_malformed");
    }

    @Test
    void refresh_withAccessToken_answers401TokenType() {
      String email = email();
      register(email, ip());
      JsonNode s = session(email, ip());
      Res r =
          api.post("/auth/refresh")
              .json(obj("refresh_token", s.path("access_token").asText()))
              .send();
      assertProblem(r, 401, "token_type");
    }

    @Test
    void refresh_afterTheRefreshLifetime_answers401TokenExpired() {
      String email = email();
      register(email, ip());
      JsonNode s = session(email, ip());
      clock.advance(Duration.ofDays(7).plusMinutes(2));
      Res r =
          api.post("/auth/refresh")
              .json(obj("refresh_token", s.path("refresh_token").asText()))
              .send();
      assertProblem(r, 401, "token_expired");
    }
  }

  // --- POST /auth/logout --------------------------------------------------------------------

  @Nested
  final class Logout {
    @Test
    void logout_revokesTheAccessToken_andItsRefreshToken() {
      String email = email();
      register(email, ip());
      JsonNode s = session(email, ip());
      String access = s.path("access_token").asText();
      Res out = api.post("/auth/logout").bearer(access).send();
      assertThat(out.status()).isEqualTo(204);
      assertProblem(me(access), 401, "token_revoked");
      Res refresh =
          api.post("/auth/refresh")
              .json(obj("refresh_token", s.path("refresh_token").asText()))
              .send();
      assertProblem(refresh, 401, "token_revoked");
    }

    @Test
    void logout_everywhere_endsEverySession() {
      String email = email();
      register(email, ip());
      String a = session(email, ip()).path("access_token").asText();
      String b = session(email, ip()).path("access_token").asText();
      Res out = api.post("/auth/logout").bearer(a).json(obj("everywhere", true)).send();
      assertThat(out.status()).isEqualTo(204);
      assertProblem(me(a), 401, "token_revoked");
      assertProblem(me(b), 401, "token_revoked");
    }

    @Test
    void logout_withTheRefreshTokenOfAnotherOwnSession_endsThatSessionToo() {
      String email = email();
      register(email, ip());
      String a = session(email, ip()).path("access_token").asText();
      JsonNode other = session(email, ip());
      Res out =
          api.post("/auth/logout")
              .bearer(a)
              .json(obj("refresh_token", other.path("refresh_token").asText()))
              .send();
      assertThat(out.status()).isEqualTo(204);
      assertProblem(me(other.path("access_token").asText()), 401, "token_revoked");
    }

    @Test
    void logout_withoutToken_answers401() {
      assertProblem(api.post("/auth/logout").send(), 401, "access_token_not_found");
    }
  }

  // --- GET /auth/me -------------------------------------------------------------------------

  @Nested
  final class Me {
    @Test
    void me_answersTheAccount() {
      String email = email();
      String id = register(email, ip());
      Res r = me(session(email, ip()).path("access_token").asText());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text("id")).isEqualTo(id);
      assertThat(r.text("email")).isEqualTo(email);
      assertThat(r.text("name")).isEqualTo("Test User");
      assertThat(r.json().path("roles").isArray()).isTrue();
    }

    @Test
    void me_withoutToken_answers401WithBearerChallenge() {
      Res r = api.get("/auth/me").send();
      assertProblem(r, 401, "access_token_not_found");
      assertThat(r.header("WWW-Authenticate")).contains("Bearer realm=\"portcullis\"");
    }

    @Test
    void me_withBadToken_answers401WithInvalidTokenChallenge() {
      Res r = me("garbage");
      assertProblem(r, 401, "token_malformed");
      assertThat(r.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }

    @Test
    void me_withExpiredToken_answers401TokenExpired() {
      String email = email();
      register(email, ip());
      String access = session(email, ip()).path("access_token").asText();
      clock.advance(Duration.ofMinutes(17));
      Res r = me(access);
      assertProblem(r, 401, "token_expired");
      assertThat(r.header("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
    }
  }

  // --- /auth/sessions -----------------------------------------------------------------------

  @Nested
  final class Sessions {
    @Test
    void sessions_listsActiveSessions_withTheCurrentOneMarked() {
      String email = email();
      register(email, ip());
      String ipA = ip();
      String a =
          api.post("/auth/login")
              .from(ipA)
              .header("User-Agent", "browser A")
              .json(obj("email", email, "password", PASSWORD))
              .send()
              .text("access_token");
      session(email, ip());
      Res r = api.get("/auth/sessions").bearer(a).send();
      assertThat(r.status()).isEqualTo(200);
      JsonNode list = r.json();
      assertThat(list.size()).isEqualTo(2);
      JsonNode current = null;
      for (JsonNode s : list) {
        assertThat(s.path("id").asText()).isNotBlank();
        assertThat(s.path("created_at").asText()).isNotBlank();
        assertThat(s.path("last_active").asText()).isNotBlank();
        if (s.path("current").asBoolean()) {
          current = s;
        }
      }
      assertThat(current).isNotNull();
      assertThat(current.path("user_agent").asText()).isEqualTo("browser A");
      // The address comes from X-Forwarded-For because the peer (loopback) is a trusted proxy.
      assertThat(current.path("ip").asText()).isEqualTo(ipA);
    }

    @Test
    void deleteSession_endsThatSession_only() {
      String email = email();
      register(email, ip());
      String a = session(email, ip()).path("access_token").asText();
      String b = session(email, ip()).path("access_token").asText();
      String otherId = null;
      for (JsonNode s : api.get("/auth/sessions").bearer(a).send().json()) {
        if (!s.path("current").asBoolean()) {
          otherId = s.path("id").asText();
        }
      }
      assertThat(api.delete("/auth/sessions/" + otherId).bearer(a).send().status()).isEqualTo(204);
      assertProblem(me(b), 401, "token_revoked");
      assertThat(me(a).status()).isEqualTo(200);
      assertThat(api.get("/auth/sessions").bearer(a).send().json().size()).isEqualTo(1);
    }

    @Test
    void deleteSession_unknownOrAnotherUsers_answers404() {
      String alice = email();
      register(alice, ip());
      String bob = email();
      register(bob, ip());
      String a = session(alice, ip()).path("access_token").asText();
      String b = session(bob, ip()).path("access_token").asText();
      String bobsSession =
          api.get("/auth/sessions").bearer(b).send().json().get(0).path("id").asText();
      assertProblem(api.delete("/auth/sessions/nope").bearer(a).send(), 404, "not_found");
      assertProblem(api.delete("/auth/sessions/" + bobsSession).bearer(a).send(), 404, "not_found");
      assertThat(me(b).status()).isEqualTo(200);
    }

    @Test
    void sessions_withoutToken_answer401() {
      assertProblem(api.get("/auth/sessions").send(), 401, "access_token_not_found");
      assertProblem(api.delete("/auth/sessions/x").send(), 401, "access_token_not_found");
    }
  }

  // --- passwords ----------------------------------------------------------------------------

  @Nested
  final class Passwords {
    @Test
    void change_endsOtherSessions_keepsThisOne_andTheNewPasswordWorks() {
      String email = email();
      register(email, ip());
      String a = session(email, ip()).path("access_token").asText();
      String b = session(email, ip()).path("access_token").asText();
      String next = "a new and much better passphrase";
      Res r =
          api.post("/auth/password/change")
              .bearer(a)
              .json(obj("current_password", PASSWORD, "new_password", next))
              .send();
      assertThat(r.status()).as(r.toString()).isEqualTo(204);
      assertThat(me(a).status()).isEqualTo(200);
      assertProblem(me(b), 401, "token_revoked");
      assertThat(login(email, next, ip()).status()).isEqualTo(200);
      assertProblem(login(email, PASSWORD, ip()), 401, "invalid_credentials");
    }

    @Test
    void change_wrongCurrentPassword_answers401_weakNewPassword_answers400() {
      String email = email();
      register(email, ip());
      String a = session(email, ip()).path("access_token").asText();
      assertProblem(
          api.post("/auth/password/change")
              .bearer(a)
              .json(
                  obj(
                      "current_password",
                      "not it at all",
                      "new_password",
                      "another fine passphrase"))
              .send(),
          401,
          "invalid_credentials");
      assertProblem(
          api.post("/auth/password/change")
              .bearer(a)
              .json(obj("current_password", PASSWORD, "new_password", "short"))
              .send(),
          400,
          "password_policy");
      assertProblem(
          api.post("/auth/password/change")
              .json(obj("current_password", PASSWORD, "new_password", "another fine passphrase"))
              .send(),
          401,
          "access_token_not_found");
    }

    @Test
    void change_guessingTheCurrentPassword_locksLikeLogin_423() {
      String email = email();
      register(email, ip());
      String a = session(email, ip()).path("access_token").asText();
      Res last = null;
      for (int i = 0; i < 6; i++) {
        last =
            api.post("/auth/password/change")
                .bearer(a)
                .json(obj("current_password", "guess number " + i, "new_password", "x y z w v u t"))
                .send();
      }
      assertProblem(last, 423, "account_locked");
      assertThat(last.header("Retry-After")).isPresent();
    }

    @Test
    void forgotAndReset_deliverALink_setTheNewPassword_andEndEverySession() throws Exception {
      String email = email();
      register(email, ip());
      String access = session(email, ip()).path("access_token").asText();
      webhook.clear();
      // An unknown address answers the same and delivers nothing: the first delivery is the real
      // one.
      assertThat(
              api.post("/auth/password/forgot")
                  .from(ip())
                  .json(obj("email", email()))
                  .send()
                  .status())
          .isEqualTo(202);
      assertThat(
              api.post("/auth/password/forgot")
                  .from(ip())
                  .json(obj("email", email))
                  .send()
                  .status())
          .isEqualTo(202);
      JsonNode delivery = webhook.poll(10, TimeUnit.SECONDS);
      assertThat(delivery).isNotNull();
      assertThat(delivery.path("type").asText()).isEqualTo("password_reset");
      assertThat(delivery.path("recipient").path("email").asText()).isEqualTo(email);
      assertThat(delivery.path("secret_header").asText())
          .isEqualTo("webhook-secret-0123456789abcdefghij");
      String link = delivery.path("link").asText();
      String token = link.substring(link.indexOf("token=") + "token=".length());

      assertProblem(
          api.post("/auth/password/reset")
              .json(obj("token", token, "new_password", "short"))
              .send(),
          400,
          "password_policy");
      String next = "the reset passphrase that works";
      assertThat(
              api.post("/auth/password/reset")
                  .json(obj("token", token, "new_password", next))
                  .send()
                  .status())
          .isEqualTo(204);
      assertProblem(me(access), 401, "token_revoked");
      assertThat(login(email, next, ip()).status()).isEqualTo(200);
      assertProblem(
          api.post("/auth/password/reset")
              .json(obj("token", token, "new_password", next + "!"))
              .send(),
          400,
          "reset_token_invalid");
    }

    @Test
    void forgot_isRateLimitedPerAddress_429() {
      String from = ip();
      for (int i = 0; i < 5; i++) {
        assertThat(
                api.post("/auth/password/forgot")
                    .from(from)
                    .json(obj("email", email()))
                    .send()
                    .status())
            .isEqualTo(202);
      }
      Res r = api.post("/auth/password/forgot").from(from).json(obj("email", email())).send();
      assertProblem(r, 429, "rate_limited");
      assertThat(r.header("Retry-After")).isPresent();
    }

    @Test
    void reset_unknownToken_answers400() {
      assertProblem(
          api.post("/auth/password/reset")
              .json(obj("token", "nope", "new_password", PASSWORD))
              .send(),
          400,
          "reset_token_invalid");
    }
  }

  // --- keys, health, metrics ----------------------------------------------------------------

  @Nested
  final class Operations {
    @Test
    void jwks_publishesThePublicKey() {
      Res r = api.get("/.well-known/jwks.json").send();
      assertThat(r.status()).isEqualTo(200);
      JsonNode key = r.json().path("keys").get(0);
      assertThat(key.path("kty").asText()).isEqualTo("RSA");
      assertThat(key.path("alg").asText()).isEqualTo("RS256");
      assertThat(key.path("use").asText()).isEqualTo("sig");
      assertThat(key.path("kid").asText()).isNotEmpty();
      assertThat(key.has("d")).isFalse();
      assertThat(r.header("Cache-Control")).contains("public, max-age=300");
    }

    @Test
    void health_isUpWithItsChecks() {
      Res r = api.get("/health").send();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.text("status")).isEqualTo("UP");
      assertThat(r.json().path("checks").path("store").path("status").asText()).isEqualTo("UP");
      assertThat(r.json().path("checks").path("keys").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void metrics_countLoginsLockoutsHashingAndVerifications() {
      String email = email();
      register(email, ip());
      me(session(email, ip()).path("access_token").asText());
      login(email, "wrong wrong wrong", ip());
      Res r = api.get("/metrics").bearer(METRICS).send();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Content-Type").orElseThrow()).startsWith("text/plain");
      assertThat(r.body())
          .contains("portcullis_logins_total{outcome=\"success\"}")
          .contains("portcullis_logins_total{outcome=\"invalid_credentials\"}")
          .contains("portcullis_lockouts_total")
          .contains("portcullis_password_hash_seconds_count{operation=\"verify\"}")
          .contains("portcullis_password_hash_seconds_count{operation=\"hash\"}")
          .contains("portcullis_token_verifications_total{outcome=\"valid\"}")
          .contains("portcullis_http_requests_seconds_count");
    }
  }

  // --- /admin -------------------------------------------------------------------------------

  @Nested
  final class Admin {
    @Test
    void lockouts_listAndClear_withTheAdminSecret() {
      String email = email();
      register(email, ip());
      for (int i = 0; i < 5; i++) {
        login(email, "wrong password " + i, ip());
      }
      Res list = api.get("/admin/lockouts").header("X-Admin-Secret", ADMIN).send();
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).contains(email);
      for (JsonNode l : list.json()) {
        if (l.path("identifier").asText().equals(email)) {
          assertThat(l.path("failures").asInt()).isEqualTo(5);
          assertThat(l.path("locked_until").asText()).isNotBlank();
        }
      }
      assertThat(
              api.delete("/admin/lockouts/" + email)
                  .header("X-Admin-Secret", ADMIN)
                  .send()
                  .status())
          .isEqualTo(204);
      assertThat(login(email, PASSWORD, ip()).status()).isEqualTo(200);
      assertProblem(
          api.delete("/admin/lockouts/" + email).header("X-Admin-Secret", ADMIN).send(),
          404,
          "not_found");
    }

    @Test
    void lockouts_withoutOrWithAWrongSecret_answer401() {
      assertProblem(api.get("/admin/lockouts").send(), 401, "invalid_credentials");
      assertProblem(
          api.get("/admin/lockouts").header("X-Admin-Secret", ADMIN + "x").send(),
          401,
          "invalid_credentials");
      assertProblem(
          api.get("/admin/lockouts").header("X-Admin-Secret", SYNC).send(),
          401,
          "invalid_credentials");
    }

    @Test
    void sync_upsertsByEmail() {
      String email = email();
      Res created =
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", SYNC)
              .json(obj("email", email, "name", "Synced", "external_id", "gh-42"))
              .send();
      assertThat(created.status()).as(created.toString()).isEqualTo(200);
      assertThat(created.json().path("created").asBoolean()).isTrue();
      assertThat(created.text("email")).isEqualTo(email);
      Res again =
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", SYNC)
              .json(obj("email", email.toUpperCase(java.util.Locale.ROOT)))
              .send();
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().path("created").asBoolean()).isFalse();
      assertThat(again.text("id")).isEqualTo(created.text("id"));
      // A synced account has no usable password until a reset sets one.
      assertProblem(login(email, PASSWORD, ip()), 401, "invalid_credentials");
    }

    @Test
    void sync_ofAnAddressAStrangerRegisteredFirst_removesTheStrangersPasswordAndSessions() {
      String victim = email();
      register(victim, ip()); // the stranger registers the victim's address with PASSWORD
      Res strangers = login(victim, PASSWORD, ip());
      assertThat(strangers.status()).isEqualTo(200);

      Res synced =
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", SYNC)
              .json(obj("email", victim, "name", "The Real Owner"))
              .send();

      assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
      assertThat(synced.json().path("created").asBoolean()).isFalse();
      assertThat(synced.json().path("password_removed").asBoolean()).isTrue();
      assertProblem(login(victim, PASSWORD, ip()), 401, "invalid_credentials");
      assertThat(
              api.post("/auth/refresh")
                  .from(ip())
                  .json(obj("refresh_token", strangers.text("refresh_token")))
                  .send()
                  .status())
          .isEqualTo(401);
      assertThat(
              api.get("/auth/me")
                  .header("Authorization", "Bearer " + strangers.text("access_token"))
                  .send()
                  .status())
          .isEqualTo(401);

      Res again =
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", SYNC)
              .json(obj("email", victim))
              .send();
      assertThat(again.json().path("password_removed").asBoolean())
          .as("a proven address keeps whatever password its owner sets later")
          .isFalse();
    }

    @Test
    void sync_wrongSecret_answers401_badInput_answers400() {
      assertProblem(
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", ADMIN)
              .json(obj("email", email()))
              .send(),
          401,
          "invalid_credentials");
      assertProblem(
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", SYNC)
              .json(obj("name", "x"))
              .send(),
          400,
          "invalid_request");
      assertProblem(
          api.post("/admin/users/sync")
              .header("X-Auth-Sync-Secret", SYNC)
              .json(obj("email", "nope"))
              .send(),
          400,
          "invalid_request");
    }
  }

  // --- bad input ----------------------------------------------------------------------------

  @Nested
  final class BadInput {
    @Test
    void malformedJson_answers400_withAFixedDetail_thatTellsNothingAboutTheInput() {
      Res r =
          api.post("/auth/login")
              .from(ip())
              .raw("application/json", "{\"email\": \"a@example.com\", \"password\": hunter2}")
              .send();
      assertProblem(r, 400, "invalid_request");
      Res other =
          api.post("/auth/login").from(ip()).raw("application/json", "{\"email\": x}").send();
      // The parser's own message named the character ("code 104") and its column.
      assertThat(r.text("detail"))
          .contains("not valid JSON")
          .doesNotContain("hunter2")
          .doesNotContain("code")
          .doesNotContain("column")
          .isEqualTo(other.text("detail"));
    }

    @Test
    void oversizeBody_answers400_namingTheLimit() {
      String big = "x".repeat(70 * 1024);
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", email(), "password", PASSWORD, "name", big))
              .send();
      assertProblem(r, 400, "invalid_request");
      assertThat(r.text("detail")).contains("65536");
    }

    @Test
    void wrongContentType_answers400_namingJson() {
      Res r =
          api.post("/auth/login")
              .from(ip())
              .raw("text/plain", "{\"email\":\"a@b.c\",\"password\":\"x\"}")
              .send();
      assertProblem(r, 400, "invalid_request");
      assertThat(r.text("detail")).contains("text/plain").contains("application/json");
    }

    @Test
    void missingField_answers400_namingTheField() {
      Res r = api.post("/auth/login").from(ip()).json(obj("email", email())).send();
      assertProblem(r, 400, "invalid_request");
      assertThat(r.text("detail")).contains("password").contains("missing");
      Res refresh = api.post("/auth/refresh").json(obj()).send();
      assertThat(refresh.text("detail")).contains("refresh_token");
    }

    @Test
    void emptyBody_arrayBody_andWrongType_answer400() {
      assertProblem(api.post("/auth/login").from(ip()).send(), 400, "invalid_request");
      Res array = api.post("/auth/login").from(ip()).raw("application/json", "[1,2]").send();
      assertProblem(array, 400, "invalid_request");
      assertThat(array.text("detail")).contains("JSON object");
      Res number = api.post("/auth/login").from(ip()).json(obj("email", 5, "password", "x")).send();
      assertThat(number.text("detail")).contains("email").contains("must be a string");
      Res dup =
          api.post("/auth/login")
              .from(ip())
              .raw(
                  "application/json",
                  "{\"email\":\"a@b.c\",\"email\":\"d@e.f\",\"password\":\"x\"}")
              .send();
      assertProblem(dup, 400, "invalid_request");
    }

    @Test
    void unknownEndpoint_answers404Problem() {
      assertProblem(api.get("/nope").send(), 404, "not_found");
    }
  }

  // --- cross-cutting ------------------------------------------------------------------------

  @Nested
  final class CrossCutting {
    @Test
    void cors_preflightFromAnAllowedOrigin_isAnswered() {
      Res r =
          api.options("/auth/login")
              .header("Origin", "https://app.example.com")
              .header("Access-Control-Request-Method", "POST")
              .header("Access-Control-Request-Headers", "content-type")
              .send();
      assertThat(r.status()).isEqualTo(204);
      assertThat(r.header("Access-Control-Allow-Origin")).contains("https://app.example.com");
      assertThat(r.header("Access-Control-Allow-Methods").orElseThrow()).contains("POST");
      assertThat(r.header("Access-Control-Allow-Headers").orElseThrow()).contains("Content-Type");
    }

    @Test
    void cors_otherOrigins_getNoAllowHeaders() {
      Res r =
          api.options("/auth/login")
              .header("Origin", "https://evil.example.com")
              .header("Access-Control-Request-Method", "POST")
              .send();
      assertThat(r.header("Access-Control-Allow-Origin")).isEmpty();
      Res get = api.get("/health").header("Origin", "https://evil.example.com").send();
      assertThat(get.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void cors_actualRequestFromAnAllowedOrigin_carriesTheHeaders() {
      Res r = api.get("/health").header("Origin", "https://app.example.com").send();
      assertThat(r.header("Access-Control-Allow-Origin")).contains("https://app.example.com");
      assertThat(Api.all(r, "Vary")).anySatisfy(v -> assertThat(v).contains("Origin"));
      assertThat(r.header("Access-Control-Expose-Headers").orElseThrow()).contains("Retry-After");
    }

    @Test
    void securityHeaders_onSuccessAndOnProblems() {
      for (Res r : List.of(api.get("/health").send(), api.get("/auth/me").send())) {
        assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
        assertThat(r.header("X-Frame-Options")).contains("DENY");
        assertThat(r.header("Content-Security-Policy").orElseThrow())
            .contains("default-src 'none'");
        assertThat(r.header("Referrer-Policy")).contains("no-referrer");
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(r.header("X-Request-Id")).isPresent();
        assertThat(r.header("Server")).isEmpty();
      }
    }

    @Test
    void requestLog_isStructured_andHoldsNoSecretOrToken() throws Exception {
      String email = email();
      register(email, ip());
      JsonNode s = session(email, ip());
      Res refreshed =
          api.post("/auth/refresh")
              .json(obj("refresh_token", s.path("refresh_token").asText()))
              .send();
      api.post("/auth/logout").bearer(refreshed.text("access_token")).send();
      api.get("/admin/lockouts").header("X-Admin-Secret", ADMIN).send();
      api.post("/admin/users/sync")
          .header("X-Auth-Sync-Secret", SYNC)
          .json(obj("email", email()))
          .send();
      api.get("/auth/me?access_token=" + refreshed.text("access_token")).send();

      assertThat(requestLog).isNotEmpty();
      List<String> secrets =
          List.of(
              PASSWORD,
              ADMIN,
              SYNC,
              s.path("access_token").asText(),
              s.path("refresh_token").asText(),
              refreshed.text("access_token"),
              refreshed.text("refresh_token"));
      for (String line : requestLog) {
        JsonNode l = JSON.readTree(line);
        assertThat(l.has("method")).isTrue();
        assertThat(l.has("route")).isTrue();
        assertThat(l.has("status")).isTrue();
        assertThat(l.has("duration_ms")).isTrue();
        for (String secret : secrets) {
          assertThat(line).doesNotContain(secret);
        }
      }
      assertThat(requestLog).anySatisfy(l -> assertThat(l).contains("\"route\":\"/auth/refresh\""));
    }
  }
}
