package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Inject;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.AuthException;
import dev.portcullis.auth.server.ServerSettings;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API on Javalin (Jetty): the routes of every bound {@link RouteGroup} (the README's
 * table), with problem+json errors (RFC 6749 JSON errors on the paths a group claims with {@link
 * Routes#errorsAs}, the OAuth endpoints'), security headers, CORS, the client address from trusted
 * proxies, a structured request log and graceful shutdown. {@link #start} binds the port; {@link
 * #stop} refuses new connections and waits up to {@code auth.server.shutdown-timeout} for requests
 * in flight. Not restartable.
 */
public final class HttpApi {
  private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String STARTED_NANOS = "portcullis.started";

  private final ServerSettings settings;
  private final ClientAddresses clientAddresses;
  private final RequestLog requestLog;
  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final Javalin app;
  private final boolean anyOrigin;
  private final Set<String> warnedPeers = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final UnexpectedFailures failures;
  private final ErrorFormats errorFormats = new ErrorFormats();
  private final List<String> endpoints = new java.util.ArrayList<>();
  private volatile String host;
  private volatile int requestedPort;

  /**
   * @param groups every route group, mounted in binding order (see {@link RouteGroup})
   */
  @Inject
  HttpApi(
      ServerSettings settings,
      Set<RouteGroup> groups,
      PrometheusMeterRegistry registry,
      RequestLog requestLog,
      Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clientAddresses = new ClientAddresses(settings.trustedProxies());
    this.requestLog = requestLog;
    this.registry = registry;
    this.clock = clock;
    this.anyOrigin = settings.corsAllowedOrigins().contains("*");
    List<RouteGroup> mounted = List.copyOf(groups);
    this.failures = new UnexpectedFailures(log);
    ServerSettings.Limits limits = settings.limits();
    this.app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.startupWatcherEnabled = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setRequestHeaderSize(limits.maxHeaderBytes());
                    http.setIdleTimeout(limits.idleTimeout().toMillis());
                    // Also guards any read that bypasses BufferedBodies (there should be none).
                    http.setMinRequestDataRate(limits.minDataRate());
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                  });
              config.jetty.addConnector(
                  (server, http) -> {
                    ServerConnector connector =
                        new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setHost(host);
                    connector.setPort(requestedPort);
                    connector.setIdleTimeout(limits.idleTimeout().toMillis());
                    return connector;
                  });
              config.jetty.modifyServer(
                  server -> {
                    server.setStopTimeout(settings.shutdownTimeout().toMillis());
                    server.setStopAtShutdown(false); // PortcullisServer stops it, in order
                    ContainerErrors errors = new ContainerErrors(settings, errorFormats);
                    server.setErrorHandler(errors);
                    // Bodies are read before a thread is given to the request (item: slow bodies).
                    EagerContentHandler eager =
                        new EagerContentHandler(
                            new BufferedBodies(
                                settings.maxBodyBytes(),
                                limits.bodyTimeout(),
                                limits.minDataRate()));
                    // A user import streams its file (of any size) after checking the admin
                    // secret; Jetty's minimum data rate still cuts off a slow sender.
                    eager.excludePath(AdminRoutes.IMPORT_PATH);
                    server.insertHandler(eager);
                  });
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new ContainerErrors(settings, errorFormats)));
              config.router.javaLangErrorHandler(
                  (res, error) -> {
                    res.setStatus(500);
                    log.error("request failed with {}", error.getClass().getName());
                  });
              config.requestLogger.http(this::logRequest);
              config.routes.before(this::before);
              Routes routes = new Routes(config.routes, errorFormats);
              for (RouteGroup group : mounted) {
                group.mount(routes);
              }
              routes.close();
              endpoints.addAll(routes.declared());
              config.routes.exception(ProblemException.class, this::problem);
              config.routes.exception(HttpResponseException.class, this::httpError);
              config.routes.exception(Exception.class, this::bug);
            });
  }

  /**
   * Starts listening.
   *
   * @param port the port, 0 for any free one
   * @return the port actually bound
   */
  public synchronized int start(String host, int port) {
    if (port != 0) {
      // Javalin reports a taken port with two stack traces; say it in one line instead.
      try (ServerSocket probe = new ServerSocket()) {
        probe.setReuseAddress(true);
        probe.bind(new InetSocketAddress(host, port));
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
      }
    }
    this.host = host;
    this.requestedPort = port;
    app.start();
    return app.port();
  }

  /**
   * The endpoints every route group declared, as {@code METHOD path} ({@code GET /auth/me}; a GET
   * also answers HEAD): the table {@code /openapi.json} must describe.
   */
  public List<String> endpoints() {
    return List.copyOf(endpoints);
  }

  /** The bound port, once started. */
  public int port() {
    return app.port();
  }

  /**
   * Stops accepting connections and waits for requests in flight, at most the shutdown timeout.
   * Idempotent.
   */
  public void stop() {
    try {
      app.stop();
    } catch (RuntimeException e) {
      log.warn("the HTTP server did not stop cleanly: {}", e.toString());
    }
  }

  private void before(Context ctx) {
    ctx.attribute(STARTED_NANOS, System.nanoTime());
    String requestId = HexFormat.of().formatHex(randomBytes(8));
    ctx.attribute(Http.REQUEST_ID, requestId);
    ctx.header("X-Request-Id", requestId);
    String peer = ctx.req().getRemoteAddr();
    List<String> forwarded = Collections.list(ctx.req().getHeaders("X-Forwarded-For"));
    ctx.attribute(Http.CLIENT_ADDRESS, clientAddresses.resolve(peer, forwarded));
    if (!forwarded.isEmpty() && !clientAddresses.trusts(peer)) {
      untrustedProxy(peer);
    }
    securityHeaders(ctx, peer);
    cors(ctx);
  }

  /**
   * A proxy that is not trusted makes every client behind it share one address, and so one
   * rate-limit bucket: said once per peer, because it looks like "logins randomly refused".
   */
  private void untrustedProxy(String peer) {
    if (warnedPeers.size() < 100 && warnedPeers.add(peer)) {
      log.warn(
          "Requests from {} carry X-Forwarded-For, but {} is not a trusted proxy: the header is"
              + " ignored, so every client behind it shares one address and one rate limit. If it"
              + " is your load balancer, set AUTH_SERVER_TRUSTED_PROXIES={}",
          peer,
          peer,
          peer);
    }
  }

  private void securityHeaders(Context ctx, String peer) {
    boolean secure =
        "https".equalsIgnoreCase(ctx.req().getScheme())
            || (clientAddresses.trusts(peer)
                && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")));
    SecurityHeaders.apply(ctx::header, secure);
  }

  private void cors(Context ctx) {
    if (settings.corsAllowedOrigins().isEmpty()) {
      return;
    }
    ctx.header("Vary", "Origin");
    String origin = ctx.header("Origin");
    boolean preflight =
        ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null;
    boolean allowed =
        origin != null && (anyOrigin || settings.corsAllowedOrigins().contains(origin));
    if (allowed) {
      ctx.header("Access-Control-Allow-Origin", anyOrigin ? "*" : origin);
      ctx.header("Access-Control-Expose-Headers", "Retry-After, WWW-Authenticate, X-Request-Id");
      if (preflight) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
        ctx.header(
            "Access-Control-Allow-Headers",
            "Authorization, Content-Type, X-Admin-Secret, X-Auth-Sync-Secret");
        ctx.header("Access-Control-Max-Age", "600");
      }
    }
    if (preflight) {
      // Answered here for every path; a refused origin gets no CORS headers, so the browser
      // blocks the call.
      ctx.status(204);
      ctx.skipRemainingHandlers();
    }
  }

  private void problem(ProblemException e, Context ctx) {
    Optional<ErrorFormat> format = errorFormats.forPath(ctx.path());
    if (format.isPresent()) {
      ErrorFormats.write(ctx, format.get().error(e.error(), e.detail(), e.headers()));
      return;
    }
    Problems.write(ctx, e.error(), e.detail(), e.headers());
  }

  private void httpError(HttpResponseException e, Context ctx) {
    Optional<ErrorFormat> format = errorFormats.forPath(ctx.path());
    if (format.isPresent()) {
      ErrorFormats.write(ctx, otherError(format.get(), e.getStatus(), ctx));
      return;
    }
    if (e.getStatus() == 404 || e.getStatus() == 405) {
      Problems.write(
          ctx,
          new AuthError.NotFound("endpoint"),
          "No endpoint " + ctx.method() + " " + safePath(ctx) + ".",
          Map.of());
    } else if (e.getStatus() == 413) {
      Problems.write(
          ctx,
          new AuthError.InvalidRequest(
              "body",
              "is larger than " + settings.maxBodyBytes() + " bytes (auth.server.max-body-bytes)"),
          null,
          Map.of());
    } else {
      Problems.writeOther(ctx, e.getStatus(), "http_" + e.getStatus(), e.getMessage());
    }
  }

  /** A routing or HTTP failure on a path with its own error format. */
  private ErrorFormat.Answer otherError(ErrorFormat format, int status, Context ctx) {
    return switch (status) {
      case 404, 405 ->
          format.other(status, "No endpoint " + ctx.method() + " " + safePath(ctx) + ".");
      case 413 ->
          format.error(
              new AuthError.InvalidRequest(
                  "body",
                  "is larger than "
                      + settings.maxBodyBytes()
                      + " bytes (auth.server.max-body-bytes)"),
              null,
              Map.of());
      default -> format.other(status, "The request was refused (HTTP " + status + ").");
    };
  }

  private void bug(Exception e, Context ctx) {
    Optional<ErrorFormat> format = errorFormats.forPath(ctx.path());
    if (format.isPresent()) {
      bugIn(format.get(), e, ctx);
      return;
    }
    if (e instanceof AuthException ae) {
      // A Result.unwrap() somewhere: still an expected error.
      Problems.write(ctx, ae.error(), null, Map.of());
      return;
    }
    if (e instanceof org.eclipse.jetty.http.HttpException he) {
      // Jetty's own verdict on the request (a body it refused to deliver): not a bug.
      Problems.writeOther(
          ctx, he.getCode(), "http_" + he.getCode(), "The request could not be read completely.");
      return;
    }
    failures.log(ctx.method().name(), route(ctx), ctx.attribute(Http.REQUEST_ID), e);
    Problems.writeOther(
        ctx,
        500,
        "internal_error",
        "The server failed unexpectedly; the log has the details under request id "
            + ctx.attribute(Http.REQUEST_ID)
            + ".");
  }

  private void bugIn(ErrorFormat format, Exception e, Context ctx) {
    if (e instanceof AuthException ae) {
      ErrorFormats.write(ctx, format.error(ae.error(), null, Map.of()));
      return;
    }
    if (e instanceof org.eclipse.jetty.http.HttpException he) {
      ErrorFormats.write(
          ctx, format.other(he.getCode(), "The request could not be read completely."));
      return;
    }
    failures.log(ctx.method().name(), route(ctx), ctx.attribute(Http.REQUEST_ID), e);
    ErrorFormats.write(
        ctx,
        format.other(
            500,
            "The server failed unexpectedly; the log has the details under request id "
                + ctx.attribute(Http.REQUEST_ID)
                + "."));
  }

  private void logRequest(Context ctx, Float millis) {
    String route = route(ctx);
    int status = ctx.statusCode();
    Long started = ctx.attribute(STARTED_NANOS);
    Duration took = Duration.ofNanos(started == null ? 0 : System.nanoTime() - started);
    Timer.builder("portcullis.http.requests")
        .description("HTTP requests by route and status")
        .tag("method", ctx.method().name())
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(took);
    if (!settings.requestLog()) {
      return;
    }
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("ts", clock.instant().toString());
    line.put("request_id", ctx.attribute(Http.REQUEST_ID));
    line.put("method", ctx.method().name());
    line.put("route", route);
    line.put("status", status);
    line.put("duration_ms", Math.round(millis == null ? 0 : millis * 100) / 100.0);
    line.put("client", ctx.attribute(Http.CLIENT_ADDRESS));
    line.put("user_agent", Http.userAgent(ctx));
    try {
      requestLog.write(JsonBody.MAPPER.writeValueAsString(line));
    } catch (JsonProcessingException | RuntimeException e) {
      log.warn("request log failed: {}", e.toString());
    }
  }

  /** The matched route template (never the raw path, which may carry identifiers). */
  private static String route(Context ctx) {
    Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
    String template = endpoint == null ? null : endpoint.path;
    return template == null || template.isEmpty() || template.equals("*") ? "unmatched" : template;
  }

  private static String safePath(Context ctx) {
    String p = ctx.path();
    boolean cut = p.length() > 100;
    p = (cut ? p.substring(0, 100) : p).replaceAll("[^A-Za-z0-9/._~%{}-]", "?");
    return cut ? p + "…" : p;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
