package dev.portcullis.auth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator against a stub server on loopback. Counts only; no timing is asserted but the
 * one stall the coordinated-omission test injects.
 */
final class LoadGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery staple";

  private HttpServer server;
  private ExecutorService executor;
  private final Set<String> accounts = ConcurrentHashMap.newKeySet();
  private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
  private final Set<String> accessTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger issued = new AtomicInteger();
  private final AtomicInteger reused = new AtomicInteger();
  private final AtomicInteger registrations = new AtomicInteger();
  private volatile long stallNextLoginMillis;

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/auth/register", this::register);
    server.createContext("/auth/login", this::login);
    server.createContext("/auth/refresh", this::refresh);
    server.createContext("/auth/me", this::me);
    server.createContext("/oauth2/token", this::token);
    server.createContext("/oauth2/introspect", this::introspect);
    server.createContext("/health", ex -> answer(ex, 200, "{\"status\":\"UP\"}"));
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void register(HttpExchange ex) throws IOException {
    JsonNode body = JSON.readTree(ex.getRequestBody());
    registrations.incrementAndGet();
    boolean created = accounts.add(body.path("email").asText());
    answer(ex, created ? 201 : 409, "{}");
  }

  private void login(HttpExchange ex) throws IOException {
    long stall = stallNextLoginMillis;
    if (stall > 0) {
      // A server stall, not a race: the latency itself is what the test is about.
      stallNextLoginMillis = 0;
      try {
        Thread.sleep(stall);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    JsonNode body = JSON.readTree(ex.getRequestBody());
    if (!PASSWORD.equals(body.path("password").asText())) {
      answer(ex, 401, "{\"error\":\"invalid_credentials\"}");
      return;
    }
    answer(ex, 200, tokens());
  }

  private void refresh(HttpExchange ex) throws IOException {
    JsonNode body = JSON.readTree(ex.getRequestBody());
    if (!liveRefreshTokens.remove(body.path("refresh_token").asText())) {
      reused.incrementAndGet();
      answer(ex, 401, "{\"error\":\"refresh_token_reused\"}");
      return;
    }
    answer(ex, 200, tokens());
  }

  private static final String CLIENT_ID = "bench client";
  private static final String CLIENT_SECRET = "s3cret:with/odd&chars";
  private final AtomicInteger grants = new AtomicInteger();
  private final AtomicInteger introspections = new AtomicInteger();
  private final Set<String> grantBodies = ConcurrentHashMap.newKeySet();
  private volatile boolean tokenEndpointForgetsTheToken;

  /** Basic credentials as RFC 6749 section 2.3.1 wants them: form-urlencoded, then Base64. */
  private static boolean clientAuthenticated(HttpExchange ex) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String expected =
        java.net.URLEncoder.encode(CLIENT_ID, StandardCharsets.UTF_8)
            + ":"
            + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8);
    return auth != null
        && auth.equals(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(expected.getBytes(StandardCharsets.UTF_8)))
        && "application/x-www-form-urlencoded"
            .equals(ex.getRequestHeaders().getFirst("Content-Type"));
  }

  private void token(HttpExchange ex) throws IOException {
    String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!clientAuthenticated(ex)) {
      answer(ex, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    grantBodies.add(form);
    int n = grants.incrementAndGet();
    if (tokenEndpointForgetsTheToken) {
      answer(ex, 200, "{\"token_type\":\"Bearer\"}");
      return;
    }
    accessTokens.add("cc-" + n);
    answer(ex, 200, "{\"access_token\":\"cc-" + n + "\",\"token_type\":\"Bearer\"}");
  }

  private void introspect(HttpExchange ex) throws IOException {
    String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!clientAuthenticated(ex)) {
      answer(ex, 401, "{\"error\":\"invalid_client\"}");
      return;
    }
    introspections.incrementAndGet();
    String token = form.startsWith("token=") ? form.substring("token=".length()) : "";
    answer(ex, 200, accessTokens.contains(token) ? "{\"active\":true}" : "{\"active\":false}");
  }

  private void me(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    boolean ok = auth != null && accessTokens.contains(auth.substring("Bearer ".length()));
    answer(ex, ok ? 200 : 401, ok ? "{\"sub\":\"u\"}" : "{}");
  }

  private String tokens() {
    int n = issued.incrementAndGet();
    accessTokens.add("a-" + n);
    liveRefreshTokens.add("r-" + n);
    return "{\"access_token\":\"a-" + n + "\",\"refresh_token\":\"r-" + n + "\"}";
  }

  private static void answer(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private LoadGenerator.Options options(
      LoadGenerator.Scenario scenario, int clients, Duration duration, long maxRequests) {
    return new LoadGenerator.Options(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        scenario,
        clients,
        duration,
        maxRequests,
        Duration.ZERO,
        3,
        "bench-%d@bench.example",
        PASSWORD,
        false,
        LoadGenerator.Paths.defaults(),
        LoadGenerator.Fields.defaults(),
        "default",
        2,
        Duration.ofSeconds(10));
  }

  private LoadGenerator.Options oauth(LoadGenerator.Scenario scenario, int clients, long requests) {
    LoadGenerator.Options o =
        options(LoadGenerator.Scenario.LOGIN, clients, Duration.ofMinutes(1), requests);
    return new LoadGenerator.Options(
        o.baseUrl(),
        scenario,
        o.clients(),
        o.duration(),
        o.maxRequests(),
        o.warmup(),
        o.users(),
        o.identifierPattern(),
        o.password(),
        false,
        o.paths(),
        o.fields(),
        o.label(),
        o.serverCores(),
        o.requestTimeout(),
        null,
        new LoadGenerator.OAuthClient(CLIENT_ID, CLIENT_SECRET, "bench:read"));
  }

  @Test
  void client_credentials_grants_authenticate_with_basic_and_ask_for_the_scope() throws Exception {
    LoadResult r = new LoadGenerator(oauth(LoadGenerator.Scenario.CLIENT_CREDENTIALS, 3, 30)).run();

    assertThat(r.scenario()).isEqualTo("client-credentials");
    assertThat(r.ok()).isEqualTo(30);
    assertThat(r.statusCounts()).containsExactlyEntriesOf(java.util.Map.of("200", 30L));
    assertThat(grants).hasValue(30);
    assertThat(grantBodies).containsExactly("grant_type=client_credentials&scope=bench%3Aread");
  }

  @Test
  void a_grant_without_an_access_token_is_not_counted_as_ok() throws Exception {
    tokenEndpointForgetsTheToken = true;

    LoadResult r = new LoadGenerator(oauth(LoadGenerator.Scenario.CLIENT_CREDENTIALS, 1, 5)).run();

    assertThat(r.ok()).isZero();
    assertThat(r.failed()).isEqualTo(5);
    assertThat(r.statusCounts())
        .containsExactlyEntriesOf(java.util.Map.of("200 (unexpected body)", 5L));
  }

  @Test
  void introspections_ask_about_one_token_obtained_at_set_up() throws Exception {
    LoadResult r = new LoadGenerator(oauth(LoadGenerator.Scenario.INTROSPECT, 4, 40)).run();

    assertThat(r.scenario()).isEqualTo("introspect");
    assertThat(r.ok()).isEqualTo(40);
    assertThat(grants).hasValue(1);
    assertThat(introspections).hasValue(40);
  }

  @Test
  void an_inactive_answer_is_not_counted_as_ok() throws Exception {
    LoadGenerator generator = new LoadGenerator(oauth(LoadGenerator.Scenario.INTROSPECT, 1, 5));
    // The token obtained at set-up stops being active: as if it were revoked.
    LoadResult r = generator.run(() -> accessTokens.clear(), () -> {});

    assertThat(r.ok()).isZero();
    assertThat(r.statusCounts())
        .containsExactlyEntriesOf(java.util.Map.of("200 (unexpected body)", 5L));
  }

  @Test
  void answer_checks_read_the_body() {
    assertThat(LoadGenerator.isGrant(200, "{\"access_token\":\"x\"}")).isTrue();
    assertThat(LoadGenerator.isGrant(200, "{\"access_token\":\"\"}")).isFalse();
    assertThat(LoadGenerator.isGrant(400, "{\"access_token\":\"x\"}")).isFalse();
    assertThat(LoadGenerator.isGrant(200, "not json")).isFalse();
    assertThat(LoadGenerator.isActive(200, "{\"active\":true}")).isTrue();
    assertThat(LoadGenerator.isActive(200, "{\"active\":\"true\"}")).isFalse();
    assertThat(LoadGenerator.isActive(200, "{\"active\":false}")).isFalse();
    assertThat(LoadGenerator.isActive(401, "{\"active\":true}")).isFalse();
  }

  @Test
  void the_oauth_scenarios_need_a_client() {
    assertThatThrownBy(
            () -> options(LoadGenerator.Scenario.INTROSPECT, 1, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--client-secret");
    assertThat(new LoadGenerator.OAuthClient("id", "the-secret", null).toString())
        .doesNotContain("the-secret");
  }

  @Test
  void oauth_scenarios_parse_from_the_command_line() {
    LoadCommand command = new LoadCommand();
    new picocli.CommandLine(command)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .registerConverter(LoadGenerator.Scenario.class, new LoadCommand.ScenarioConverter())
        .parseArgs(
            "--base-url",
            "http://127.0.0.1:1",
            "--scenario",
            "client-credentials",
            "--client-id",
            "c",
            "--client-secret",
            "s");
    LoadGenerator.Options options = command.options();
    assertThat(options.scenario()).isEqualTo(LoadGenerator.Scenario.CLIENT_CREDENTIALS);
    assertThat(options.client().clientId()).isEqualTo("c");
    assertThat(options.client().scope()).isEqualTo("bench:read");
    assertThat(options.paths().token()).isEqualTo("/oauth2/token");
    assertThat(LoadGenerator.Scenario.of("introspect"))
        .isEqualTo(LoadGenerator.Scenario.INTROSPECT);
  }

  @Test
  void logins_stop_at_the_request_bound() throws Exception {
    LoadResult r =
        new LoadGenerator(options(LoadGenerator.Scenario.LOGIN, 3, Duration.ofMinutes(1), 40))
            .run();

    assertThat(r.requests()).isEqualTo(40);
    assertThat(r.ok()).isEqualTo(40);
    assertThat(r.failed()).isZero();
    assertThat(r.statusCounts()).containsExactlyEntriesOf(java.util.Map.of("200", 40L));
    assertThat(r.okPerSecondPerCore()).isEqualTo(r.okPerSecond() / 2);
    assertThat(r.p50Millis()).isLessThanOrEqualTo(r.p99Millis());
    assertThat(r.p99Millis()).isLessThanOrEqualTo(r.maxMillis());
  }

  @Test
  void refreshes_always_send_the_newest_refresh_token() throws Exception {
    LoadResult r =
        new LoadGenerator(options(LoadGenerator.Scenario.REFRESH, 4, Duration.ofMinutes(1), 60))
            .run();

    assertThat(r.ok()).isEqualTo(60);
    assertThat(reused).hasValue(0);
    // one login per client, then one new pair per refresh
    assertThat(issued).hasValue(4 + 60);
  }

  @Test
  void who_am_i_calls_carry_the_access_token() throws Exception {
    LoadResult r =
        new LoadGenerator(options(LoadGenerator.Scenario.ME, 2, Duration.ofMinutes(1), 30)).run();

    assertThat(r.ok()).isEqualTo(30);
    assertThat(r.scenario()).isEqualTo("me");
  }

  @Test
  void failures_are_counted_by_status() throws Exception {
    LoadGenerator.Options o = options(LoadGenerator.Scenario.LOGIN, 1, Duration.ofMinutes(1), 5);
    LoadGenerator.Options wrong =
        new LoadGenerator.Options(
            o.baseUrl(),
            o.scenario(),
            o.clients(),
            o.duration(),
            o.maxRequests(),
            o.warmup(),
            o.users(),
            o.identifierPattern(),
            "wrong",
            false,
            o.paths(),
            o.fields(),
            o.label(),
            o.serverCores(),
            o.requestTimeout());

    LoadResult r = new LoadGenerator(wrong).run();

    assertThat(r.ok()).isZero();
    assertThat(r.failed()).isEqualTo(5);
    assertThat(r.statusCounts()).containsEntry("401", 5L);
  }

  @Test
  void the_time_bound_stops_an_unbounded_run() throws Exception {
    LoadResult r =
        new LoadGenerator(
                options(
                    LoadGenerator.Scenario.LOGIN,
                    2,
                    Duration.ofMillis(200),
                    LoadGenerator.MAX_REQUESTS))
            .run();

    assertThat(r.requests()).isPositive().isLessThan(LoadGenerator.MAX_REQUESTS);
  }

  @Test
  void accounts_are_registered_first_when_asked() throws Exception {
    LoadGenerator.Options o = options(LoadGenerator.Scenario.LOGIN, 1, Duration.ofMinutes(1), 1);
    LoadGenerator.Options registering =
        new LoadGenerator.Options(
            o.baseUrl(),
            o.scenario(),
            o.clients(),
            o.duration(),
            o.maxRequests(),
            o.warmup(),
            o.users(),
            o.identifierPattern(),
            o.password(),
            true,
            o.paths(),
            o.fields(),
            o.label(),
            o.serverCores(),
            o.requestTimeout());

    new LoadGenerator(registering).run();
    new LoadGenerator(registering).run();

    assertThat(registrations).hasValue(6);
    assertThat(accounts)
        .containsExactlyInAnyOrder(
            "bench-0@bench.example", "bench-1@bench.example", "bench-2@bench.example");
  }

  @Test
  void hooks_bracket_the_measured_phase() throws Exception {
    java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    LoadResult r =
        new LoadGenerator(options(LoadGenerator.Scenario.REFRESH, 2, Duration.ofMinutes(1), 10))
            .run(
                () -> calls.add("before, " + issued.get() + " pairs issued"),
                () -> calls.add("after, " + issued.get() + " pairs issued"));

    assertThat(r.ok()).isEqualTo(10);
    // the two sessions exist before measuring starts; the ten refreshes happen in between
    assertThat(calls).containsExactly("before, 2 pairs issued", "after, 12 pairs issued");
  }

  @Test
  void shell_hooks_fail_loudly() {
    LoadGenerator.hook("true").run();
    LoadGenerator.hook(null).run();
    assertThatThrownBy(() -> LoadGenerator.hook("exit 3").run())
        .hasMessageContaining("exited with 3");
  }

  @Test
  void it_waits_for_the_server_to_be_ready() throws Exception {
    LoadGenerator generator =
        new LoadGenerator(options(LoadGenerator.Scenario.LOGIN, 1, Duration.ofSeconds(1), 1));

    generator.awaitReady("/health", Duration.ofSeconds(10));
    assertThatThrownBy(() -> generator.awaitReady("/nowhere", Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 404");
  }

  @Test
  void only_loopback_is_accepted() {
    for (String url :
        new String[] {
          "http://example.com:8080",
          "http://localhost:8080",
          "https://127.0.0.1:8443",
          "http://10.0.0.1:8080"
        }) {
      assertThatThrownBy(
              () ->
                  new LoadGenerator.Options(
                      URI.create(url),
                      LoadGenerator.Scenario.LOGIN,
                      1,
                      Duration.ofSeconds(1),
                      1,
                      Duration.ZERO,
                      1,
                      "u%d",
                      "p",
                      false,
                      LoadGenerator.Paths.defaults(),
                      LoadGenerator.Fields.defaults(),
                      "default",
                      1,
                      Duration.ofSeconds(1)))
          .as(url)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("127.0.0.1");
    }
  }

  @Test
  void clients_and_time_are_bounded() {
    assertThatThrownBy(() -> options(LoadGenerator.Scenario.LOGIN, 1000, Duration.ofSeconds(1), 1))
        .hasMessageContaining("--clients");
    assertThatThrownBy(() -> options(LoadGenerator.Scenario.LOGIN, 1, Duration.ofHours(1), 1))
        .hasMessageContaining("--duration");
    assertThatThrownBy(() -> options(LoadGenerator.Scenario.LOGIN, 1, Duration.ofSeconds(1), 0))
        .hasMessageContaining("--max-requests");
  }

  @Test
  void command_line_durations_and_flags_parse() {
    assertThat(LoadGenerator.duration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(LoadGenerator.duration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(LoadGenerator.duration("2m")).isEqualTo(Duration.ofMinutes(2));
    LoadCommand command = new LoadCommand();
    new picocli.CommandLine(command)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .parseArgs(
            "--base-url",
            "http://127.0.0.1:1",
            "--register",
            "--clients",
            "4",
            "--label=kc",
            "--scenario",
            "refresh",
            "--warmup",
            "500ms");
    LoadGenerator.Options options = command.options();
    assertThat(options.register()).isTrue();
    assertThat(options.clients()).isEqualTo(4);
    assertThat(options.label()).isEqualTo("kc");
    assertThat(options.scenario()).isEqualTo(LoadGenerator.Scenario.REFRESH);
    assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
    assertThat(options.expectedInterval()).isNull();
  }

  @Test
  void a_mistyped_option_is_refused_not_ignored() {
    java.io.StringWriter err = new java.io.StringWriter();
    int exit =
        LoadCommand.commandLine()
            .setErr(new java.io.PrintWriter(err))
            .execute("--base-url", "http://127.0.0.1:1", "--clinets", "64");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--clinets");
  }

  @Test
  void a_stall_counts_the_requests_a_client_could_not_send_meanwhile() throws Exception {
    // One client, 10 ms expected between requests; the stub stalls one login for 1 s. Without the
    // correction the p90 would be the 10-ish ms of the fast logins.
    stallNextLoginMillis = 1000;
    LoadGenerator.Options base =
        options(LoadGenerator.Scenario.LOGIN, 1, Duration.ofSeconds(30), 20);
    LoadGenerator.Options corrected =
        new LoadGenerator.Options(
            base.baseUrl(),
            base.scenario(),
            1,
            base.duration(),
            20,
            Duration.ZERO,
            base.users(),
            base.identifierPattern(),
            base.password(),
            false,
            base.paths(),
            base.fields(),
            base.label(),
            1,
            base.requestTimeout(),
            Duration.ofMillis(10));

    LoadResult result = new LoadGenerator(corrected).run();

    assertThat(result.requests()).isEqualTo(20);
    assertThat(result.expectedIntervalMillis()).isEqualTo(10.0);
    assertThat(result.p90Millis()).isGreaterThan(500);
  }
}
