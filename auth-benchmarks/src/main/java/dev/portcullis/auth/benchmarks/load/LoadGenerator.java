package dev.portcullis.auth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Long (over 400 lines) because it holds one scenario per server path next to the client loop that
 * drives them; each scenario is a few lines, and they share the loop's bounds and counters.
 *
 * <p>Item 6's load generator: N concurrent clients drive one scenario of an auth-server on loopback
 * over HTTP/1.1 ({@link java.net.http}), bounded both in requests and in time, and report requests
 * per second and per server core.
 *
 * <ul>
 *   <li>{@code login}: each client posts the identifier and password to the login path, again and
 *       again (accounts are spread over {@code --users} identifiers).
 *   <li>{@code refresh}: each client logs in once, then exchanges its refresh token again and
 *       again, always sending the newest one (rotation).
 *   <li>{@code me}: each client logs in once, then calls the "who am I" path with its access token.
 *   <li>{@code client-credentials}: each client asks the OAuth token endpoint for an access token
 *       with {@code grant_type=client_credentials}, authenticated as a confidential client with
 *       {@code client_secret_basic}; only an answer with an {@code access_token} counts as ok.
 *   <li>{@code introspect}: one client-credentials access token is obtained at set-up; each client
 *       then introspects it (RFC 7662) as that confidential client; only {@code "active":true}
 *       counts as ok.
 * </ul>
 *
 * Latencies go into HdrHistogram with coordinated-omission correction (see {@link
 * Options#expectedInterval}). Only {@code http://127.0.0.1} is accepted: this tool never sends load
 * anywhere else. Run it with {@code --help} for the options ({@link LoadCommand}). Thread-safe only
 * in the sense that one instance runs one test.
 */
public final class LoadGenerator {

  /** The most clients one run may start. */
  public static final int MAX_CLIENTS = 256;

  /** The longest measured phase. */
  public static final Duration MAX_DURATION = Duration.ofMinutes(10);

  /** The longest warm-up. */
  public static final Duration MAX_WARMUP = Duration.ofMinutes(2);

  /** The most requests one run may send in its measured phase. */
  public static final long MAX_REQUESTS = 100_000_000L;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What to drive. */
  public enum Scenario {
    LOGIN,
    REFRESH,
    ME,
    CLIENT_CREDENTIALS,
    INTROSPECT;

    /** The command line's and the result's name: {@code client-credentials}, {@code login}... */
    public String cliName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The scenario named {@code name} ({@link #cliName()}, any case, '_' or '-'). */
    public static Scenario of(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** Whether it drives the OAuth endpoints as a confidential client (no user accounts). */
    boolean oauth() {
      return this == CLIENT_CREDENTIALS || this == INTROSPECT;
    }
  }

  /**
   * The settings of one run.
   *
   * @param baseUrl the server, {@code http://127.0.0.1:PORT} (a path prefix is allowed)
   * @param scenario what to drive
   * @param clients concurrent clients, 1 to {@value #MAX_CLIENTS}
   * @param duration the measured phase, at most {@link #MAX_DURATION}
   * @param maxRequests the most requests of the measured phase, 1 to {@value #MAX_REQUESTS}
   * @param warmup requests sent and not counted before measuring, at most {@link #MAX_WARMUP}
   * @param users identifiers to spread logins over; identifier {@code i} is {@code
   *     identifierPattern} formatted with {@code i}
   * @param identifierPattern a {@link String#format} pattern with one {@code %d}
   * @param password every account's password
   * @param register whether to register every account first (answers 409 are fine)
   * @param paths the server's paths
   * @param fields the JSON field names of requests and answers
   * @param label a free label written into the result (by convention the hash settings)
   * @param serverCores the server's cores, for the per-core figure
   * @param requestTimeout how long one request may take
   * @param expectedInterval the interval at which a client would send its requests if the server
   *     did not hold it up, for HdrHistogram's coordinated-omission correction ({@link
   *     org.HdrHistogram.Histogram#recordValueWithExpectedInterval}); {@code null} takes the median
   *     latency of the warm-up (no correction without a warm-up), {@link Duration#ZERO} turns the
   *     correction off
   * @param client the confidential OAuth client of {@code client-credentials} and {@code
   *     introspect} (ignored by the other scenarios)
   */
  public record Options(
      URI baseUrl,
      Scenario scenario,
      int clients,
      Duration duration,
      long maxRequests,
      Duration warmup,
      int users,
      String identifierPattern,
      String password,
      boolean register,
      Paths paths,
      Fields fields,
      String label,
      int serverCores,
      Duration requestTimeout,
      Duration expectedInterval,
      OAuthClient client) {

    /** Options without an OAuth client (the user scenarios). */
    public Options(
        URI baseUrl,
        Scenario scenario,
        int clients,
        Duration duration,
        long maxRequests,
        Duration warmup,
        int users,
        String identifierPattern,
        String password,
        boolean register,
        Paths paths,
        Fields fields,
        String label,
        int serverCores,
        Duration requestTimeout,
        Duration expectedInterval) {
      this(
          baseUrl,
          scenario,
          clients,
          duration,
          maxRequests,
          warmup,
          users,
          identifierPattern,
          password,
          register,
          paths,
          fields,
          label,
          serverCores,
          requestTimeout,
          expectedInterval,
          null);
    }

    /** Options with the expected interval taken from the warm-up. */
    public Options(
        URI baseUrl,
        Scenario scenario,
        int clients,
        Duration duration,
        long maxRequests,
        Duration warmup,
        int users,
        String identifierPattern,
        String password,
        boolean register,
        Paths paths,
        Fields fields,
        String label,
        int serverCores,
        Duration requestTimeout) {
      this(
          baseUrl,
          scenario,
          clients,
          duration,
          maxRequests,
          warmup,
          users,
          identifierPattern,
          password,
          register,
          paths,
          fields,
          label,
          serverCores,
          requestTimeout,
          null);
    }

    public Options {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(scenario, "scenario");
      requireLoopback(baseUrl);
      if (clients < 1 || clients > MAX_CLIENTS) {
        throw new IllegalArgumentException(
            "--clients must be from 1 to " + MAX_CLIENTS + ", was " + clients);
      }
      if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            "--duration must be positive and at most " + MAX_DURATION + ", was " + duration);
      }
      if (maxRequests < 1 || maxRequests > MAX_REQUESTS) {
        throw new IllegalArgumentException(
            "--max-requests must be from 1 to " + MAX_REQUESTS + ", was " + maxRequests);
      }
      if (warmup.isNegative() || warmup.compareTo(MAX_WARMUP) > 0) {
        throw new IllegalArgumentException(
            "--warmup must be from 0s to " + MAX_WARMUP + ", was " + warmup);
      }
      if (users < 1) {
        throw new IllegalArgumentException("--users must be at least 1");
      }
      if (serverCores < 1) {
        throw new IllegalArgumentException("--server-cores must be at least 1");
      }
      Objects.requireNonNull(paths, "paths");
      Objects.requireNonNull(fields, "fields");
      if (expectedInterval != null && expectedInterval.isNegative()) {
        throw new IllegalArgumentException("--expected-interval must not be negative");
      }
      if (scenario.oauth() && client == null) {
        throw new IllegalArgumentException(
            "--scenario "
                + scenario.cliName()
                + " needs a confidential client: --client-id and --client-secret (or its"
                + " environment variable PORTCULLIS_BENCH_CLIENT_SECRET)");
      }
    }

    /** The identifier of account {@code i}. */
    public String identifier(int i) {
      return String.format(Locale.ROOT, identifierPattern, i % users);
    }
  }

  /** The server's paths, relative to the base URL. */
  public record Paths(
      String register, String login, String refresh, String me, String token, String introspect) {
    /** These user paths with the default OAuth paths. */
    public Paths(String register, String login, String refresh, String me) {
      this(register, login, refresh, me, "/oauth2/token", "/oauth2/introspect");
    }

    /**
     * {@code /auth/register}, {@code /auth/login}, {@code /auth/refresh}, {@code /auth/me}, {@code
     * /oauth2/token}, {@code /oauth2/introspect}.
     */
    public static Paths defaults() {
      return new Paths("/auth/register", "/auth/login", "/auth/refresh", "/auth/me");
    }
  }

  /**
   * A confidential OAuth client, authenticated with {@code client_secret_basic}.
   *
   * @param clientId its client id
   * @param secret its secret (never printed: {@link #toString()} leaves it out)
   * @param scope the {@code scope} its grants ask for, or null for none
   */
  public record OAuthClient(String clientId, String secret, String scope) {
    public OAuthClient {
      if (clientId == null || clientId.isBlank() || secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("an OAuth client needs a client id and a secret");
      }
    }

    /** RFC 6749 section 2.3.1: Base64 of the form-urlencoded id and secret. */
    String basicAuthorization() {
      String pair = formEncode(clientId) + ":" + formEncode(secret);
      return "Basic "
          + java.util.Base64.getEncoder()
              .encodeToString(pair.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "OAuthClient[clientId=" + clientId + ", scope=" + scope + "]";
    }
  }

  /** JSON field names: of the login and refresh requests, and of the token answer. */
  public record Fields(
      String identifier, String password, String refreshRequest, String access, String refresh) {
    /** auth-server's names: email, password, refresh_token; access_token, refresh_token. */
    public static Fields defaults() {
      return new Fields("email", "password", "refresh_token", "access_token", "refresh_token");
    }
  }

  private final Options options;
  private final HttpClient http;
  private final String basicAuthorization;

  public LoadGenerator(Options options) {
    this.options = Objects.requireNonNull(options, "options");
    this.basicAuthorization =
        options.client() == null ? null : options.client().basicAuthorization();
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(options.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Waits until {@code GET healthPath} answers 2xx, polling every 100 ms.
   *
   * @throws IllegalStateException if it does not within {@code timeout}
   */
  public void awaitReady(String healthPath, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(resolve(healthPath))
                    .timeout(Duration.ofSeconds(2))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 == 2) {
          return;
        }
        last = "HTTP " + r.statusCode();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        options.baseUrl() + healthPath + " did not answer 2xx within " + timeout + ": " + last);
  }

  /** Refuses any target but {@code http://127.0.0.1}. */
  static void requireLoopback(URI uri) {
    if (!"http".equals(uri.getScheme()) || !"127.0.0.1".equals(uri.getHost())) {
      throw new IllegalArgumentException(
          "the load generator only targets http://127.0.0.1:PORT (loopback), not " + uri);
    }
  }

  /** Runs the test: registration if asked, warm-up, then the measured phase. */
  public LoadResult run() throws InterruptedException {
    return run(() -> {}, () -> {});
  }

  /**
   * As {@link #run()}, calling {@code beforeMeasuring} after the warm-up and {@code afterMeasuring}
   * when the measured phase is over (for example to start and stop a profiler of the server).
   */
  public LoadResult run(Runnable beforeMeasuring, Runnable afterMeasuring)
      throws InterruptedException {
    if (options.register()) {
      registerAccounts();
    }
    Client[] clients = new Client[options.clients()];
    for (int i = 0; i < clients.length; i++) {
      clients[i] = new Client(i);
    }
    if (options.scenario() == Scenario.INTROSPECT) {
      // One token for every client, obtained untimed: what a resource server asks about again and
      // again.
      String token = grantClientCredentials();
      for (Client c : clients) {
        c.access = token;
      }
    } else if (options.scenario() != Scenario.LOGIN && !options.scenario().oauth()) {
      // Sessions first, so that no login is timed as (or counted with) a refresh or a call.
      for (Client c : clients) {
        c.prepare();
      }
    }
    long expectedNanos = 0;
    if (!options.warmup().isZero()) {
      phase(clients, options.warmup(), Long.MAX_VALUE, false, 0);
      Histogram warm = new Histogram(3);
      for (Client c : clients) {
        warm.add(c.histogram);
        c.reset();
      }
      expectedNanos = warm.getTotalCount() == 0 ? 0 : warm.getValueAtPercentile(50);
    }
    if (options.expectedInterval() != null) {
      expectedNanos = options.expectedInterval().toNanos();
    }
    beforeMeasuring.run();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    phase(clients, options.duration(), options.maxRequests(), true, expectedNanos);
    double seconds = (System.nanoTime() - t0) / 1e9;
    afterMeasuring.run();

    long requests = 0;
    long ok = 0;
    Map<String, Long> statuses = new TreeMap<>();
    Histogram all = new Histogram(3);
    for (Client c : clients) {
      requests += c.count;
      ok += c.ok;
      c.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
      all.add(c.histogram);
    }
    double okPerSecond = ok / seconds;
    return new LoadResult(
        options.scenario().cliName(),
        options.label(),
        options.baseUrl().toString(),
        options.clients(),
        seconds,
        requests,
        ok,
        requests - ok,
        statuses,
        okPerSecond,
        options.serverCores(),
        okPerSecond / options.serverCores(),
        percentile(all, 50),
        percentile(all, 90),
        percentile(all, 99),
        all.getTotalCount() == 0 ? 0 : all.getMaxValue() / 1e6,
        started.toString(),
        expectedNanos / 1e6);
  }

  private static double percentile(Histogram histogram, double p) {
    return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(p) / 1e6;
  }

  /** Runs every client until {@code length} has passed or {@code budget} requests were sent. */
  private void phase(
      Client[] clients, Duration length, long budget, boolean measured, long expectedNanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + length.toNanos();
    AtomicLong remaining = new AtomicLong(budget);
    CountDownLatch done = new CountDownLatch(clients.length);
    List<Thread> threads = new ArrayList<>();
    for (Client c : clients) {
      Thread t =
          new Thread(
              () -> {
                try {
                  c.loop(deadline, remaining, measured, expectedNanos);
                } finally {
                  done.countDown();
                }
              },
              "load-client-" + c.index);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    // Each request is bounded by the request timeout, so the clients stop soon after the deadline.
    done.await();
  }

  private void registerAccounts() {
    for (int i = 0; i < options.users(); i++) {
      try {
        HttpResponse<String> r =
            post(
                options.paths().register(),
                json(
                    Map.of(
                        options.fields().identifier(), options.identifier(i),
                        options.fields().password(), options.password())));
        if (r.statusCode() / 100 != 2 && r.statusCode() != 409) {
          throw new IllegalStateException(
              "registering "
                  + options.identifier(i)
                  + " answered "
                  + r.statusCode()
                  + ": "
                  + r.body());
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not register " + options.identifier(i), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  private HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(path))
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** One client-credentials access token, or an exception naming the server's answer. */
  private String grantClientCredentials() throws InterruptedException {
    try {
      HttpResponse<String> r = tokenRequest();
      String token =
          r.statusCode() / 100 == 2 ? text(JSON.readTree(r.body()), "access_token") : null;
      if (token == null) {
        throw new IllegalStateException(
            "the client-credentials grant for "
                + options.client().clientId()
                + " answered "
                + r.statusCode()
                + ": "
                + r.body());
      }
      return token;
    } catch (IOException e) {
      throw new IllegalStateException("could not obtain a client-credentials token", e);
    }
  }

  private HttpResponse<String> tokenRequest() throws IOException, InterruptedException {
    String scope = options.client().scope();
    return postForm(
        options.paths().token(),
        "grant_type=client_credentials"
            + (scope == null || scope.isEmpty() ? "" : "&scope=" + formEncode(scope)));
  }

  /** A form POST authenticated as the OAuth client ({@code client_secret_basic}). */
  private HttpResponse<String> postForm(String path, String form)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(path))
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .header("Authorization", basicAuthorization)
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String formEncode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * Whether a token endpoint's answer is a grant: 2xx with a non-empty {@code access_token}. An
   * answer that is not JSON is not.
   */
  static boolean isGrant(int status, String body) {
    if (status / 100 != 2) {
      return false;
    }
    try {
      String token = text(JSON.readTree(body), "access_token");
      return token != null && !token.isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether an introspection answer says active: 2xx with {@code "active": true}. */
  static boolean isActive(int status, String body) {
    if (status / 100 != 2) {
      return false;
    }
    try {
      JsonNode active = JSON.readTree(body).path("active");
      return active.isBoolean() && active.booleanValue();
    } catch (IOException e) {
      return false;
    }
  }

  private HttpResponse<String> get(String path, String bearer)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(path))
            .timeout(options.requestTimeout())
            .header("Accept", "application/json")
            .header("Authorization", "Bearer " + bearer)
            .GET()
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI resolve(String path) {
    String base = options.baseUrl().toString();
    if (base.endsWith("/") && path.startsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + path);
  }

  private static String json(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(new LinkedHashMap<>(fields));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One simulated client: its tokens and its own counters (merged after the phase). */
  private final class Client {
    final int index;
    String access;
    String refresh;
    int count;
    long ok;
    // Three significant digits, resized as needed; one per client, so no locking.
    final Histogram histogram = new Histogram(3);
    final Map<String, Long> statuses = new TreeMap<>();

    Client(int index) {
      this.index = index;
    }

    void reset() {
      histogram.reset();
      count = 0;
      ok = 0;
      statuses.clear();
    }

    void loop(long deadline, AtomicLong remaining, boolean measured, long expectedNanos) {
      while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
        long t0 = System.nanoTime();
        String status;
        boolean success;
        try {
          Answer answer = once();
          success = answer.correct();
          status =
              Integer.toString(answer.status())
                  + (answer.status() / 100 == 2 && !success ? " (unexpected body)" : "");
        } catch (IOException e) {
          status = "io-error";
          success = false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long nanos = System.nanoTime() - t0;
        if (measured && expectedNanos > 0) {
          // A closed-loop client sends its next request only when the last one is answered, so a
          // stall hides the requests it would have sent meanwhile; HdrHistogram adds them back.
          histogram.recordValueWithExpectedInterval(nanos, expectedNanos);
        } else {
          histogram.recordValue(nanos);
        }
        if (measured) {
          record(status, success);
        }
      }
    }

    private void record(String status, boolean success) {
      count++;
      if (success) {
        ok++;
      }
      statuses.merge(status, 1L, Long::sum);
    }

    /** Logs in once, untimed, to hold a session's tokens. */
    void prepare() throws InterruptedException {
      try {
        keepTokens(login());
      } catch (IOException e) {
        throw new IllegalStateException("could not log in client " + index, e);
      }
      if (access == null) {
        throw new IllegalStateException(
            "client " + index + " could not log in as " + options.identifier(index));
      }
    }

    /** One request of the scenario; logging in again when the tokens stopped working. */
    private Answer once() throws IOException, InterruptedException {
      return switch (options.scenario()) {
        case LOGIN -> Answer.of(login().statusCode());
        case REFRESH -> {
          if (refresh == null) {
            keepTokens(login());
          }
          HttpResponse<String> r =
              post(
                  options.paths().refresh(),
                  json(Map.of(options.fields().refreshRequest(), refresh == null ? "" : refresh)));
          if (r.statusCode() / 100 == 2) {
            keepTokens(r);
          } else {
            refresh = null; // the chain is broken; start a new session next time
          }
          yield Answer.of(r.statusCode());
        }
        case ME -> {
          if (access == null) {
            keepTokens(login());
          }
          HttpResponse<String> r = get(options.paths().me(), access == null ? "" : access);
          if (r.statusCode() == 401) {
            access = null;
          }
          yield Answer.of(r.statusCode());
        }
        case CLIENT_CREDENTIALS -> {
          HttpResponse<String> r = tokenRequest();
          yield new Answer(r.statusCode(), isGrant(r.statusCode(), r.body()));
        }
        case INTROSPECT -> {
          HttpResponse<String> r =
              postForm(options.paths().introspect(), "token=" + formEncode(access));
          yield new Answer(r.statusCode(), isActive(r.statusCode(), r.body()));
        }
      };
    }

    private HttpResponse<String> login() throws IOException, InterruptedException {
      return post(
          options.paths().login(),
          json(
              Map.of(
                  options.fields().identifier(), options.identifier(index),
                  options.fields().password(), options.password())));
    }

    private void keepTokens(HttpResponse<String> r) throws IOException {
      if (r.statusCode() / 100 != 2) {
        access = null;
        refresh = null;
        return;
      }
      JsonNode body = JSON.readTree(r.body());
      access = text(body, options.fields().access());
      refresh = text(body, options.fields().refresh());
    }
  }

  /** An HTTP status and whether the answer was the one the scenario expects. */
  private record Answer(int status, boolean correct) {
    /** The user scenarios count any 2xx. */
    static Answer of(int status) {
      return new Answer(status, status / 100 == 2);
    }
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.path(field);
    return n.isTextual() ? n.asText() : null;
  }

  /** Runs one test from the command line; see {@code --help} ({@link LoadCommand}). */
  public static void main(String[] args) {
    System.exit(LoadCommand.commandLine().execute(args));
  }

  /**
   * A shell command run to completion (at most a minute), or nothing when {@code command} is null.
   */
  static Runnable hook(String command) {
    if (command == null || command.isBlank()) {
      return () -> {};
    }
    return () -> {
      try {
        Process p =
            new ProcessBuilder("sh", "-c", command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("'" + command + "' did not finish within a minute");
        }
        if (p.exitValue() != 0) {
          throw new IllegalStateException("'" + command + "' exited with " + p.exitValue());
        }
      } catch (IOException e) {
        throw new IllegalStateException("could not run '" + command + "'", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while running '" + command + "'", e);
      }
    };
  }

  /** Parses {@code 500ms}, {@code 30s}, {@code 2m}, or an ISO-8601 duration. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    } else if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    } else if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.parse(text);
  }
}
