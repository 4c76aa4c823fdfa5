package dev.portcullis.auth.server.http;

import com.google.inject.Inject;
import com.google.inject.Provider;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.HealthChecks;
import dev.portcullis.auth.server.internal.Secrets;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Public keys and health (public: liveness {@code /health/live}, readiness {@code /health/ready}
 * and {@code /health}, its alias), the OpenAPI description ({@code /openapi.json}), and metrics:
 * only with the configured metrics token ({@code Authorization: Bearer}, compared in constant
 * time), off (404) while none is set. Metrics are not public because counters move with every
 * request: what one scrape shows next to another tells about the requests in between.
 */
final class OpsRoutes implements RouteGroup {
  private static final String METRICS_REALM = "Bearer realm=\"metrics\"";

  /** Where the OpenAPI description is served. */
  static final String OPENAPI_PATH = "/openapi.json";

  /** The description, beside this class. */
  static final String OPENAPI_RESOURCE = "openapi.json";

  private final Provider<Jwks> jwks;
  private final HealthChecks health;
  private final PrometheusMeterRegistry registry;
  private final String metricsToken;
  private final byte[] openApi = openApiDocument();

  /**
   * @param settings its {@code metricsToken} is the token {@code GET /metrics} requires, or null to
   *     turn it off
   */
  @Inject
  OpsRoutes(
      Provider<Jwks> jwks,
      HealthChecks health,
      PrometheusMeterRegistry registry,
      ServerSettings settings) {
    this.jwks = jwks;
    this.health = health;
    this.registry = registry;
    this.metricsToken = settings.metricsToken();
  }

  @Override
  public void mount(Routes r) {
    r.get("/.well-known/jwks.json", this::jwks);
    r.get("/health", this::ready);
    r.get("/health/live", this::live);
    r.get("/health/ready", this::ready);
    r.get("/metrics", this::metrics);
    r.get(OPENAPI_PATH, this::openApi);
  }

  private void openApi(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.status(200).contentType("application/json").result(openApi);
  }

  /** The hand-written OpenAPI 3.1 description of the HTTP API, a resource beside this class. */
  static byte[] openApiDocument() {
    try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the server's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void jwks(Context ctx) {
    // Short enough that a rotation is picked up quickly, long enough to spare the server.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.status(200).contentType("application/json").result(jwks.get().json());
  }

  /**
   * Liveness: the process answers HTTP. Checks no dependency, so an outage of the database or Redis
   * never gets a healthy process restarted in a loop (Kubernetes livenessProbe).
   */
  private void live(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    Http.json(ctx, 200, Map.of("status", "UP"));
  }

  /**
   * Readiness: whether this instance can serve (store, Redis when used, signing keys); 503 naming
   * each failing check otherwise (Kubernetes readinessProbe, load balancer health check).
   */
  private void ready(Context ctx) {
    boolean up = true;
    List<String> failing = new ArrayList<>();
    Map<String, Object> checks = new LinkedHashMap<>();
    for (var e : health.run().entrySet()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("status", e.getValue().up() ? "UP" : "DOWN");
      if (e.getValue().code() != null) {
        c.put("code", e.getValue().code());
      }
      checks.put(e.getKey(), c);
      up &= e.getValue().up();
      if (!e.getValue().up()) {
        failing.add(e.getKey());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", up ? "UP" : "DOWN");
    if (!up) {
      out.put("failing", failing);
    }
    out.put("checks", checks);
    ctx.header("Cache-Control", "no-store");
    Http.json(ctx, up ? 200 : 503, out);
  }

  private void metrics(Context ctx) {
    if (metricsToken == null) {
      throw new ProblemException(
          new AuthError.NotFound("endpoint"),
          "GET /metrics is off: set auth.server.metrics-token (AUTH_SERVER_METRICS_TOKEN) to turn"
              + " it on.");
    }
    if (!Secrets.matches(bearerToken(ctx.header("Authorization")), metricsToken)) {
      throw new ProblemException(
          AuthError.of(ErrorKind.INVALID_CREDENTIALS),
          "The Authorization header is missing or does not carry the metrics token.",
          Map.of("WWW-Authenticate", METRICS_REALM));
    }
    ctx.status(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(registry.scrape());
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null. */
  private static String bearerToken(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).strip();
  }
}
