package dev.portcullis.auth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

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
 * </ul>
 *
 * Only {@code http://127.0.0.1} is accepted: this tool never sends load anywhere else. Run it with
 * {@code --help} for the options. Thread-safe only in the sense that one instance runs one test.
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
    ME
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
      Duration requestTimeout) {

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
    }

    /** The identifier of account {@code i}. */
    public String identifier(int i) {
      return String.format(Locale.ROOT, identifierPattern, i % users);
    }
  }

  /** The server's paths, relative to the base URL. */
  public record Paths(String register, String login, String refresh, String me) {
    /** {@code /auth/register}, {@code /auth/login}, {@code /auth/refresh}, {@code /auth/me}. */
    public static Paths defaults() {
      return new Paths("/auth/register", "/auth/login", "/auth/refresh", "/auth/me");
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

  public LoadGenerator(Options options) {
    this.options = Objects.requireNonNull(options, "options");
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
    if (options.scenario() != Scenario.LOGIN) {
      // Sessions first, so that no login is timed as (or counted with) a refresh or a call.
      for (Client c : clients) {
        c.prepare();
      }
    }
    if (!options.warmup().isZero()) {
      phase(clients, options.warmup(), Long.MAX_VALUE, false);
    }
    beforeMeasuring.run();
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    phase(clients, options.duration(), options.maxRequests(), true);
    double seconds = (System.nanoTime() - t0) / 1e9;
    afterMeasuring.run();

    long requests = 0;
    long ok = 0;
    Map<String, Long> statuses = new TreeMap<>();
    List<long[]> latencies = new ArrayList<>();
    int total = 0;
    for (Client c : clients) {
      requests += c.count;
      ok += c.ok;
      c.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
      latencies.add(c.latencies);
      total += c.count;
    }
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < clients.length; i++) {
      System.arraycopy(latencies.get(i), 0, all, at, clients[i].count);
      at += clients[i].count;
    }
    Arrays.sort(all);
    double okPerSecond = ok / seconds;
    return new LoadResult(
        options.scenario().name().toLowerCase(Locale.ROOT),
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
        percentile(all, 0.50),
        percentile(all, 0.90),
        percentile(all, 0.99),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6,
        started.toString());
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
  }

  /** Runs every client until {@code length} has passed or {@code budget} requests were sent. */
  private void phase(Client[] clients, Duration length, long budget, boolean measured)
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
                  c.loop(deadline, remaining, measured);
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
    long[] latencies = new long[1024];
    final Map<String, Long> statuses = new TreeMap<>();

    Client(int index) {
      this.index = index;
    }

    void loop(long deadline, AtomicLong remaining, boolean measured) {
      while (System.nanoTime() < deadline && remaining.getAndDecrement() > 0) {
        long t0 = System.nanoTime();
        String status;
        boolean success;
        try {
          int code = once();
          status = Integer.toString(code);
          success = code / 100 == 2;
        } catch (IOException e) {
          status = "io-error";
          success = false;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long nanos = System.nanoTime() - t0;
        if (measured) {
          record(nanos, status, success);
        }
      }
    }

    private void record(long nanos, String status, boolean success) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
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
    private int once() throws IOException, InterruptedException {
      return switch (options.scenario()) {
        case LOGIN -> login().statusCode();
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
          yield r.statusCode();
        }
        case ME -> {
          if (access == null) {
            keepTokens(login());
          }
          HttpResponse<String> r = get(options.paths().me(), access == null ? "" : access);
          if (r.statusCode() == 401) {
            access = null;
          }
          yield r.statusCode();
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

  private static String text(JsonNode body, String field) {
    JsonNode n = body.path(field);
    return n.isTextual() ? n.asText() : null;
  }

  /** Runs one test from the command line; see {@code --help}. */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = parse(args);
    if (a.containsKey("help") || !a.containsKey("base-url")) {
      System.out.println(usage());
      if (!a.containsKey("help")) {
        System.exit(2);
      }
      return;
    }
    Paths dp = Paths.defaults();
    Fields df = Fields.defaults();
    Options options =
        new Options(
            URI.create(a.get("base-url")),
            Scenario.valueOf(a.getOrDefault("scenario", "login").toUpperCase(Locale.ROOT)),
            Integer.parseInt(a.getOrDefault("clients", "8")),
            duration(a.getOrDefault("duration", "30s")),
            Long.parseLong(a.getOrDefault("max-requests", "1000000")),
            duration(a.getOrDefault("warmup", "5s")),
            Integer.parseInt(a.getOrDefault("users", "64")),
            a.getOrDefault("identifier-pattern", "bench-%d@example.com"),
            a.getOrDefault("password", "correct horse battery staple"),
            Boolean.parseBoolean(a.getOrDefault("register", "false")),
            new Paths(
                a.getOrDefault("register-path", dp.register()),
                a.getOrDefault("login-path", dp.login()),
                a.getOrDefault("refresh-path", dp.refresh()),
                a.getOrDefault("me-path", dp.me())),
            new Fields(
                a.getOrDefault("identifier-field", df.identifier()),
                a.getOrDefault("password-field", df.password()),
                a.getOrDefault("refresh-request-field", df.refreshRequest()),
                a.getOrDefault("access-field", df.access()),
                a.getOrDefault("refresh-field", df.refresh())),
            a.getOrDefault("label", "default"),
            Integer.parseInt(
                a.getOrDefault(
                    "server-cores", Integer.toString(Runtime.getRuntime().availableProcessors()))),
            duration(a.getOrDefault("request-timeout", "10s")));
    LoadGenerator generator = new LoadGenerator(options);
    if (a.containsKey("await-ready")) {
      generator.awaitReady(
          a.getOrDefault("health-path", "/health"), duration(a.get("await-ready")));
    }
    LoadResult result = generator.run(hook(a.get("before-measure")), hook(a.get("after-measure")));
    System.out.printf(
        Locale.ROOT,
        "%s (%s): %d requests in %.1f s, %d ok, %d failed %s; %.1f ok/s, %.1f ok/s per server"
            + " core; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        result.scenario(),
        result.label(),
        result.requests(),
        result.seconds(),
        result.ok(),
        result.failed(),
        result.statusCounts(),
        result.okPerSecond(),
        result.okPerSecondPerCore(),
        result.p50Millis(),
        result.p99Millis(),
        result.maxMillis());
    if (a.containsKey("out")) {
      result.write(Path.of(a.get("out")));
    }
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

  static Map<String, String> parse(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'; see --help");
      }
      String name = arg.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        out.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (name.equals("help") || name.equals("register")) {
        out.put(name, "true");
      } else if (i + 1 < args.length) {
        out.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return out;
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

  static String usage() {
    return """
        Usage: java -cp auth-benchmarks/target/benchmarks.jar \\
                 dev.portcullis.auth.benchmarks.load.LoadGenerator --base-url http://127.0.0.1:PORT [options]

          --scenario login|refresh|me   what to drive (default login)
          --clients N                   concurrent clients, 1 to 256 (default 8)
          --duration 30s                measured phase, at most 10m (default 30s)
          --max-requests N              most requests measured (default 1000000)
          --warmup 5s                   uncounted requests first, at most 2m (default 5s)
          --users N                     accounts to spread logins over (default 64)
          --identifier-pattern P        String.format pattern (default bench-%d@example.com)
          --password P                  every account's password
          --register                    register the accounts first (409 is fine)
          --register-path/--login-path/--refresh-path/--me-path
                                        default /auth/register, /auth/login, /auth/refresh, /auth/me
          --identifier-field/--password-field/--refresh-request-field/--access-field/--refresh-field
                                        JSON names (default email, password, refresh_token,
                                        access_token, refresh_token)
          --label L                     written into the result, e.g. default or keycloak
          --server-cores N              the server's cores, for per-core rates (default: this machine's)
          --request-timeout 10s         per request
          --await-ready 60s             first wait until GET --health-path (default /health) is 2xx
          --before-measure CMD          a shell command run after the warm-up (e.g. jcmd PID JFR.start)
          --after-measure CMD           a shell command run after the measured phase
          --out FILE                    write the result as JSON (bench/run reads e2e-*.json)

        Only http://127.0.0.1 is accepted.""";
  }
}
