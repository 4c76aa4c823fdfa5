package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.server.http.RawHttp.Answer;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.Jetty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP layer against hostile or careless clients, over real sockets on loopback, on the
 * embedded H2 store: slow bodies, HEAD, errors Jetty raises itself, large tokens, odd path
 * parameters. The server runs with a short body timeout so the slow-body tests take seconds.
 */
final class HttpHardeningTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String ADMIN = "admin-secret-for-tests-0123456789abcdef";
  // Long enough that opening 260 connections on a loaded 2-core machine stays well inside it.
  private static final int BODY_TIMEOUT_MS = 6000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  private static PortcullisServer server;
  private static Api api;
  private static int port;

  @BeforeAll
  static void start() {
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.admin-secret = \"" + ADMIN + "\"",
                        "auth.server.limits.body-timeout = " + BODY_TIMEOUT_MS + "ms",
                        "auth.server.limits.min-data-rate = 1000",
                        "auth.token.max-size = 32768",
                        "auth.server.limits.max-header-bytes = 40000")))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build()
            .start();
    api = new Api(server.uri());
    port = server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static void assertProblemWithSecurityHeaders(
      int status, String contentType, String csp, String nosniff, String cacheControl) {
    assertThat(contentType).isEqualTo("application/problem+json; charset=utf-8");
    assertThat(csp).contains("default-src 'none'");
    assertThat(nosniff).isEqualTo("nosniff");
    assertThat(cacheControl).contains("no-store");
    assertThat(status).isGreaterThanOrEqualTo(400);
  }

  private static void assertProblem(Answer a, int status, String code) throws IOException {
    assertThat(a.status()).as(a.toString()).isEqualTo(status);
    assertProblemWithSecurityHeaders(
        a.status(),
        a.header("Content-Type"),
        a.header("Content-Security-Policy"),
        a.header("X-Content-Type-Options"),
        a.header("Cache-Control"));
    assertThat(a.header("X-Frame-Options")).isEqualTo("DENY");
    JsonNode doc = JSON.readTree(a.body());
    assertThat(doc.path("code").asText()).isEqualTo(code);
    assertThat(doc.path("status").asInt()).isEqualTo(status);
    assertThat(doc.path("type").asText()).isEqualTo(Problems.TYPE_PREFIX + code);
  }

  private static String accessToken(String email) {
    api.post("/auth/register").json(obj("email", email, "password", PASSWORD)).send();
    Res login = api.post("/auth/login").json(obj("email", email, "password", PASSWORD)).send();
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    return login.text("access_token");
  }

  private static Socket slowLogin() throws IOException {
    Socket s = RawHttp.connect(port, 20_000);
    RawHttp.send(
        s,
        "POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n{\"em");
    return s;
  }

  // --- dependencies ----------------------------------------------------------------------------

  @Test
  void theServerRunsOnJetty12_1() {
    // The build bans older Jetty artifacts (maven-enforcer, auth-server/pom.xml); this checks what
    // actually runs.
    assertThat(Jetty.VERSION).startsWith("12.1.");
    assertThat(org.eclipse.jetty.server.Server.getVersion()).startsWith("12.1.");
  }

  // --- item 6: slow bodies ----------------------------------------------------------------------

  @Test
  void slowBodies_holdNoThread_healthAnswersMeanwhile_andEachIsCutOffWith408() throws IOException {
    List<Socket> slow = new ArrayList<>();
    long firstOpened = System.nanoTime();
    try {
      // More stalled bodies than the server has threads (Javalin's pool: 250).
      for (int i = 0; i < 260; i++) {
        slow.add(slowLogin());
      }
      long started = System.nanoTime();
      Answer health;
      try (Socket s = RawHttp.connect(port, BODY_TIMEOUT_MS)) {
        RawHttp.send(s, "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        health = RawHttp.read(s);
      }
      assertThat(health.status()).isEqualTo(200);
      assertThat((System.nanoTime() - firstOpened) / 1_000_000)
          .as("the stalled bodies were opened and /health answered within the body timeout")
          .isLessThan(BODY_TIMEOUT_MS);
      // Answered while every slow body was still pending, not after they were cut off.
      for (Socket s : slow) {
        assertThat(s.getInputStream().available()).isZero();
      }
      for (Socket s : slow) {
        Answer a = RawHttp.read(s);
        assertProblem(a, 408, "request_timeout");
        assertThat(JSON.readTree(a.body()).path("detail").asText()).contains("body-timeout");
        assertThat(RawHttp.closedByServer(s)).isTrue();
      }
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(tookMs).isLessThan(BODY_TIMEOUT_MS + 5_000);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aBodyTricklingBelowTheMinimumRate_isCutOffBeforeTheBodyTimeout() throws Exception {
    try (Socket s = slowLogin()) {
      Answer a = null;
      // One byte every 100 ms is 10 B/s against a minimum of 1000 B/s: refused at the first byte
      // after the one-second grace, long before the 6 s body timeout (the detail tells which).
      for (int i = 0; i < 25 && s.getInputStream().available() == 0; i++) {
        try {
          RawHttp.send(s, "a");
        } catch (IOException closed) {
          break;
        }
        Thread.sleep(100);
      }
      a = RawHttp.read(s);
      assertProblem(a, 408, "request_timeout");
      assertThat(JSON.readTree(a.body()).path("detail").asText()).contains("min-data-rate");
    }
  }

  @Test
  void aBodyThatArrivesInPieces_inTime_isServed() throws Exception {
    try (Socket s = RawHttp.connect(port, 10_000)) {
      String body = "{\"email\": \"nobody@example.com\", \"password\": \"" + PASSWORD + "\"}";
      RawHttp.send(
          s,
          "POST /auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
              + "Content-Length: "
              + body.length()
              + "\r\n\r\n"
              + body.substring(0, 10));
      RawHttp.send(s, body.substring(10));
      Answer a = RawHttp.read(s);
      assertThat(a.status()).as(a.toString()).isEqualTo(401);
    }
  }

  // --- item 13: HEAD runs the real handler
  // --------------------------------------------------------

  @Test
  void head_adminLockoutsWithoutTheSecret_answers401_likeGet() {
    Res get = api.get("/admin/lockouts").send();
    Res head = api.head("/admin/lockouts").send();
    assertThat(get.status()).isEqualTo(401);
    assertThat(head.status()).isEqualTo(401);
    assertThat(head.body()).isEmpty();
    assertThat(api.head("/admin/lockouts").header("X-Admin-Secret", ADMIN).send().status())
        .isEqualTo(200);
  }

  @Test
  void head_meWithoutAToken_answers401WithTheBearerChallenge() {
    Res head = api.head("/auth/me").send();
    assertThat(head.status()).isEqualTo(401);
    assertThat(head.header("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Bearer"));
    assertThat(head.header("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void head_onAPathWithoutGet_answers404_andNeverCarriesABody() throws IOException {
    assertThat(api.head("/auth/login").send().status()).isEqualTo(404);
    assertThat(api.head("/nope").send().status()).isEqualTo(404);
    Answer a =
        RawHttp.exchange(
            port, "HEAD /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.header("Content-Type")).startsWith("application/json");
  }

  // --- item 21: errors Jetty raises itself
  // --------------------------------------------------------

  @Test
  void aBrokenRequestLine_answers400ProblemJson_withTheSecurityHeaders() throws IOException {
    Answer a = RawHttp.exchange(port, "GARBAGE\r\n\r\n");
    assertProblem(a, 400, "bad_request");
    assertThat(a.body()).doesNotContain("GARBAGE").doesNotContain("<html");
  }

  @Test
  void anOverlongHeader_answers431ProblemJson_namingTheSetting() throws IOException {
    Answer a =
        RawHttp.exchange(
            port,
            "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Filler: "
                + "a".repeat(50_000)
                + "\r\nConnection: close\r\n\r\n");
    assertProblem(a, 431, "request_header_fields_too_large");
    assertThat(JSON.readTree(a.body()).path("detail").asText())
        .contains("auth.server.limits.max-header-bytes");
  }

  @Test
  void aTokenAbove8KiB_reachesTheTokenChecks_insteadOfAnswering431() {
    // auth.token.max-size is 32768 here; Jetty's default header limit (8 KiB) used to refuse it.
    Res r = api.get("/auth/me").bearer("e" + "a".repeat(20_000)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(r.code()).startsWith("token_");
  }

  @Test
  void problemBodies_areUtf8_andSaySo() {
    Res r = api.get("/nope/" + "x".repeat(150)).send();
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).contains("application/problem+json; charset=utf-8");
    assertThat(r.text("detail")).contains("…").doesNotContain("?");
  }

  // --- item 15: session ids no session can have -----------------------------------------------

  @Test
  void deleteSession_withA300CharacterId_answers404_notA500() {
    String token = accessToken("long-session-id@example.com");
    Res r = api.delete("/auth/sessions/" + "s".repeat(300)).bearer(token).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(404);
    assertThat(r.code()).isEqualTo("not_found");
    Res odd = api.delete("/auth/sessions/%E2%80%A8x").bearer(token).send();
    assertThat(odd.status()).as(odd.toString()).isEqualTo(404);
  }
}
