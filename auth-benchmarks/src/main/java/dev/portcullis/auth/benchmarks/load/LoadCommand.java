package dev.portcullis.auth.benchmarks.load;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load generator's command line (picocli): every option typed and checked, and an unknown
 * option (a typo such as {@code --clinets 64}) refused with exit code 2 instead of ignored.
 */
@Command(
    name = "LoadGenerator",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Drives one scenario of an auth-server on http://127.0.0.1 with N concurrent clients and",
      "reports requests per second and per server core, and latency percentiles (HdrHistogram,",
      "corrected for coordinated omission)."
    })
final class LoadCommand implements Callable<Integer> {

  @Option(names = "--base-url", required = true, description = "http://127.0.0.1:PORT")
  URI baseUrl;

  @Option(
      names = "--scenario",
      defaultValue = "login",
      converter = ScenarioConverter.class,
      description =
          "login, refresh, me, client-credentials or introspect (default ${DEFAULT-VALUE})")
  LoadGenerator.Scenario scenario;

  @Option(names = "--clients", defaultValue = "8", description = "1 to 256 (default 8)")
  int clients;

  @Option(
      names = "--duration",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "measured phase, at most 10m (default 30s)")
  Duration duration;

  @Option(
      names = "--max-requests",
      defaultValue = "1000000",
      description = "most requests measured")
  long maxRequests;

  @Option(
      names = "--warmup",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "uncounted requests first, at most 2m (default 5s)")
  Duration warmup;

  @Option(
      names = "--expected-interval",
      converter = DurationConverter.class,
      description =
          "interval for the coordinated-omission correction; default: the warm-up's median"
              + " latency; 0s: no correction")
  Duration expectedInterval;

  @Option(names = "--users", defaultValue = "64", description = "accounts to spread logins over")
  int users;

  @Option(names = "--identifier-pattern", defaultValue = "bench-%d@example.com")
  String identifierPattern;

  @Option(names = "--password", defaultValue = "correct horse battery staple")
  String password;

  @Option(names = "--register", description = "register the accounts first (409 is fine)")
  boolean register;

  @Option(names = "--register-path", defaultValue = "/auth/register")
  String registerPath;

  @Option(names = "--login-path", defaultValue = "/auth/login")
  String loginPath;

  @Option(names = "--refresh-path", defaultValue = "/auth/refresh")
  String refreshPath;

  @Option(names = "--me-path", defaultValue = "/auth/me")
  String mePath;

  @Option(names = "--identifier-field", defaultValue = "email")
  String identifierField;

  @Option(names = "--password-field", defaultValue = "password")
  String passwordField;

  @Option(names = "--refresh-request-field", defaultValue = "refresh_token")
  String refreshRequestField;

  @Option(names = "--access-field", defaultValue = "access_token")
  String accessField;

  @Option(names = "--refresh-field", defaultValue = "refresh_token")
  String refreshField;

  @Option(names = "--token-path", defaultValue = "/oauth2/token")
  String tokenPath;

  @Option(names = "--introspect-path", defaultValue = "/oauth2/introspect")
  String introspectPath;

  @Option(
      names = "--client-id",
      defaultValue = "bench-client",
      description = "the confidential client of client-credentials and introspect")
  String clientId;

  @Option(
      names = "--client-secret",
      defaultValue = "${env:PORTCULLIS_BENCH_CLIENT_SECRET}",
      description = "its secret (default: the variable PORTCULLIS_BENCH_CLIENT_SECRET)")
  String clientSecret;

  @Option(
      names = "--client-scope",
      defaultValue = "bench:read",
      description = "the scope its grants ask for (default ${DEFAULT-VALUE}; empty for none)")
  String clientScope;

  @Option(names = "--label", defaultValue = "default", description = "e.g. default or keycloak")
  String label;

  @Option(names = "--server-cores", description = "the server's cores (default: this machine's)")
  Integer serverCores;

  @Option(names = "--request-timeout", defaultValue = "10s", converter = DurationConverter.class)
  Duration requestTimeout;

  @Option(
      names = "--await-ready",
      converter = DurationConverter.class,
      description = "first wait until GET --health-path is 2xx")
  Duration awaitReady;

  @Option(names = "--health-path", defaultValue = "/health")
  String healthPath;

  @Option(names = "--before-measure", description = "a shell command run after the warm-up")
  String beforeMeasure;

  @Option(names = "--after-measure", description = "a shell command run after the measured phase")
  String afterMeasure;

  @Option(names = "--out", description = "write the result as JSON (bench/run reads e2e-*.json)")
  Path out;

  /** A command line that prints usage errors with exit code 2 and exceptions with 1. */
  static CommandLine commandLine() {
    return new CommandLine(new LoadCommand()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** The options these arguments describe. */
  LoadGenerator.Options options() {
    return new LoadGenerator.Options(
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
        new LoadGenerator.Paths(
            registerPath, loginPath, refreshPath, mePath, tokenPath, introspectPath),
        new LoadGenerator.Fields(
            identifierField, passwordField, refreshRequestField, accessField, refreshField),
        label,
        serverCores == null ? Runtime.getRuntime().availableProcessors() : serverCores,
        requestTimeout,
        expectedInterval,
        clientId == null || clientId.isBlank() || clientSecret == null || clientSecret.isEmpty()
            ? null
            : new LoadGenerator.OAuthClient(clientId, clientSecret, clientScope));
  }

  @Override
  public Integer call() throws Exception {
    LoadGenerator generator = new LoadGenerator(options());
    if (awaitReady != null) {
      generator.awaitReady(healthPath, awaitReady);
    }
    LoadResult result =
        generator.run(LoadGenerator.hook(beforeMeasure), LoadGenerator.hook(afterMeasure));
    System.out.printf(
        Locale.ROOT,
        "%s (%s): %d requests in %.1f s, %d ok, %d failed %s; %.1f ok/s, %.1f ok/s per server"
            + " core; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms (corrected for an expected"
            + " interval of %.2f ms)%n",
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
        result.maxMillis(),
        result.expectedIntervalMillis());
    if (out != null) {
      result.write(out);
    }
    return 0;
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, or ISO-8601. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return LoadGenerator.duration(value);
    }
  }

  /** Scenario names in any case. */
  static final class ScenarioConverter
      implements CommandLine.ITypeConverter<LoadGenerator.Scenario> {
    @Override
    public LoadGenerator.Scenario convert(String value) {
      return LoadGenerator.Scenario.of(value);
    }
  }
}
