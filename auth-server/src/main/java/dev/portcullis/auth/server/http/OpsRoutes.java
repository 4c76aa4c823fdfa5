package dev.portcullis.auth.server.http;

import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.server.internal.HealthChecks;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** Public keys, health and metrics. */
final class OpsRoutes {
  private final com.google.inject.Provider<Jwks> jwks;
  private final HealthChecks health;
  private final PrometheusMeterRegistry registry;

  OpsRoutes(
      com.google.inject.Provider<Jwks> jwks,
      HealthChecks health,
      PrometheusMeterRegistry registry) {
    this.jwks = jwks;
    this.health = health;
    this.registry = registry;
  }

  void mount(Routes r) {
    r.get("/.well-known/jwks.json", this::jwks);
    r.get("/health", this::health);
    r.get("/metrics", this::metrics);
  }

  private void jwks(Context ctx) {
    // Short enough that a rotation is picked up quickly, long enough to spare the server.
    ctx.header("Cache-Control", "public, max-age=300");
    ctx.status(200).contentType("application/json").result(jwks.get().json());
  }

  private void health(Context ctx) {
    boolean up = true;
    Map<String, Object> checks = new LinkedHashMap<>();
    for (var e : health.run().entrySet()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("status", e.getValue().up() ? "UP" : "DOWN");
      if (e.getValue().code() != null) {
        c.put("code", e.getValue().code());
      }
      checks.put(e.getKey(), c);
      up &= e.getValue().up();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", up ? "UP" : "DOWN");
    out.put("checks", checks);
    Http.json(ctx, up ? 200 : 503, out);
  }

  private void metrics(Context ctx) {
    ctx.status(200)
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(registry.scrape());
  }
}
