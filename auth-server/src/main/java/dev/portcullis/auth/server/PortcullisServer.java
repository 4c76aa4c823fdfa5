package dev.portcullis.auth.server;

import com.google.inject.Injector;
import com.google.inject.Module;
import com.typesafe.config.Config;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.event.AuditTrail;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.jwt.JwtVerifier;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.server.http.HttpApi;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.server.internal.Notifications;
import dev.portcullis.auth.server.internal.ServerConfig;
import dev.portcullis.auth.server.internal.Wiring;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.redis.RedisStores;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Portcullis as a running service: settings validated at once (every problem of every module in one
 * {@link ConfigurationException}), the stores opened, and on {@link #start()} the HTTP API
 * listening. {@link #stop()} finishes requests in flight, then closes the stores.
 *
 * <pre>{@code
 * PortcullisServer server = PortcullisServer.builder().port(0).dataDir(dir).build().start();
 * URI base = server.uri();
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>Thread-safe; not restartable once stopped.
 */
public final class PortcullisServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PortcullisServer.class);

  private final Wiring.Settings settings;
  private final Injector injector;
  private final List<String> startupNotes;
  private final List<String> startupWarnings;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private HttpApi http;
  private int boundPort = -1;
  private boolean closed;

  private PortcullisServer(
      Wiring.Settings settings, Injector injector, List<String> notes, List<String> warnings) {
    this.settings = settings;
    this.injector = injector;
    this.startupNotes = List.copyOf(notes);
    this.startupWarnings = List.copyOf(warnings);
  }

  /** A builder; without a configuration it loads the standard one from the process environment. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening on {@code auth.server.host} and the configured port (0: any free port).
   *
   * @return this server
   * @throws IllegalStateException if it was started or stopped before
   */
  public PortcullisServer start() {
    return start(settings.server().port());
  }

  /**
   * Starts listening on {@code auth.server.host} and {@code port} (0: any free port; {@link
   * #port()} tells which).
   *
   * @return this server
   * @throws IllegalStateException if it was started or stopped before
   */
  public synchronized PortcullisServer start(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    if (http != null || closed) {
      throw new IllegalStateException("a server starts once");
    }
    ServerSettings s = settings.server();
    for (String note : startupNotes) {
      log.info("{}", note);
    }
    for (String warning : startupWarnings) {
      log.warn("{}", warning);
    }
    HttpApi api = injector.getInstance(HttpApi.class);
    boundPort = api.start(s.host(), port);
    http = api;
    log.info(
        "Portcullis listening on http://{}:{} (environment {}, store {}, data dir {})",
        s.host(),
        boundPort,
        s.environment().value(),
        settings.jdbc() == null
            ? "memory"
            : settings.jdbc().redactedUrl()
                + (settings.redis() == null ? "" : " + " + settings.redis().redactedUrl()),
        s.dataDir());
    return this;
  }

  /** The port the API listens on. */
  public int port() {
    if (boundPort < 0) {
      throw new IllegalStateException("not started");
    }
    return boundPort;
  }

  /**
   * The base URI for clients on this machine: {@code http://localhost:<port>} when listening on
   * every interface, else the configured host.
   */
  public URI uri() {
    String host = settings.server().host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
      host = "localhost";
    } else if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port());
  }

  /** The validated server settings. */
  public ServerSettings settings() {
    return settings.server();
  }

  /** The injector, for tools and tests. */
  public Injector injector() {
    return injector;
  }

  /**
   * What the server logs at WARN when it starts: settings that work but should be fixed, above all
   * a missing sync secret in staging or production.
   */
  public List<String> warnings() {
    return startupWarnings;
  }

  /** What the server logs at INFO when it starts: where its data is, what is off and why. */
  public List<String> notes() {
    return startupNotes;
  }

  /**
   * Stops: refuses new connections, waits for requests in flight (at most {@code
   * auth.server.shutdown-timeout}), delivers queued notifications, writes the queued audit records,
   * closes the stores. Idempotent.
   */
  public void stop() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (http != null) {
        log.info("Portcullis stopping: finishing requests in flight");
        http.stop();
      }
      injector.getInstance(Notifications.class).close(settings.server().shutdownTimeout());
      // The queued audit records of the requests just finished, before their store closes.
      injector.getInstance(AuditTrail.class).close();
      closeStores(settings, injector);
      injector.getInstance(PrometheusMeterRegistry.class).close();
      if (http != null) {
        log.info("Portcullis stopped");
      }
    } finally {
      stopped.countDown();
    }
  }

  private static void closeStores(Wiring.Settings settings, Injector injector) {
    if (settings.redis() != null) {
      injector.getInstance(RedisStores.class).close();
    }
    if (settings.jdbc() != null) {
      injector.getInstance(JdbcStores.class).close();
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Blocks until {@link #stop()} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Builds a {@link PortcullisServer}. Not thread-safe. */
  public static final class Builder {
    private Config config;
    private Integer port;
    private Path dataDir;
    private Clock clock;
    private RequestLog requestLog = RequestLog.slf4j();
    private Module overrides;
    private OAuthSettings oauth;
    private boolean tool;
    private Map<String, String> environment;

    private Builder() {}

    /**
     * The environment variables that settings name ({@code
     * auth.oauth.clients[].client-secret-env}): the map the configuration was loaded with; default:
     * the process environment.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /** The configuration (resolved); default: {@link AuthConfig#load()}. */
    public Builder config(Config config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Overrides {@code auth.server.port}; 0 picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Overrides {@code auth.server.data-dir}. */
    public Builder dataDir(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
      return this;
    }

    /** Replaces the system clock (tests move time instead of sleeping). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where the structured request log goes; default SLF4J. */
    public Builder requestLog(RequestLog requestLog) {
      this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
      return this;
    }

    /** Bindings that replace those of the standard modules ({@code Modules.override}). */
    public Builder overrides(Module overrides) {
      this.overrides = Objects.requireNonNull(overrides, "overrides");
      return this;
    }

    /**
     * Replaces the {@code auth.oauth} settings read from the configuration (embedding the server,
     * tests): {@code oauth.enabled()} decides whether the OAuth endpoints are served.
     */
    public Builder oauth(OAuthSettings oauth) {
      this.oauth = Objects.requireNonNull(oauth, "oauth");
      return this;
    }

    /**
     * For a short-lived admin command next to a running server: a small connection pool and no
     * purge thread. Such a server is used through {@link #injector()} and never started.
     */
    public Builder tool() {
      this.tool = true;
      return this;
    }

    /**
     * Validates every setting, prepares the data directory (embedded database, development keys)
     * and opens the stores.
     *
     * @throws ConfigurationException listing every invalid or insecure setting of every module
     * @throws dev.portcullis.auth.api.error.ServiceUnavailableException when the database cannot be
     *     reached or its schema is outdated
     */
    public PortcullisServer build() {
      Config c = config != null ? config : AuthConfig.load();
      c = ServerConfig.withOverrides(c, port, dataDir);
      Clock now = clock != null ? clock : Clock.systemUTC();
      Wiring.Settings read = // every setting of every module, once
          Wiring.settings(c, environment != null ? environment : System.getenv());
      ServerConfig.Prepared prepared =
          ServerConfig.prepare(tool ? Wiring.forTool(read) : read, true, now.instant());
      Wiring.Settings settings = prepared.settings();
      if (oauth != null) {
        settings = settings.withOAuth(oauth);
      }
      List<String> warnings = new ArrayList<>(prepared.warnings());
      warnings.addAll(settings.server().warnings());
      boolean deployed =
          switch (settings.auth().environment()) {
            case STAGING, PRODUCTION -> true;
            case DEVELOPMENT, TEST -> false;
          };
      List<String> notes = new ArrayList<>(prepared.notes());
      if (settings.server().sync().isEmpty()) {
        // On a developer's machine one line; where a front end may rely on it, the banner. Either
        // way, a call to the endpoint while it is off logs why the user was not synced.
        if (deployed) {
          warnings.add(syncOffBanner());
        } else {
          notes.add(
              "user sync is off: POST /admin/users/sync answers 404 until"
                  + " AUTH_SERVER_SYNC_SECRET is set (here and in the front end that calls it)");
        }
      }
      Injector injector = Wiring.injector(settings, clock, requestLog, overrides);
      try {
        // Opening the embedded database created its files with the process's umask.
        prepared.restrictDataDir();
        if (settings.jdbc() != null) {
          poolMetrics(injector);
        }
        cacheMetrics(injector);
      } catch (RuntimeException e) {
        closeStores(settings, injector);
        throw e;
      }
      if (settings.server().admin().isEmpty()) {
        notes.add(
            "admin endpoints (/admin/lockouts) are off: set AUTH_SERVER_ADMIN_SECRET to turn them"
                + " on; the 'lockouts' command works without them");
      }
      return new PortcullisServer(settings, injector, notes, warnings);
    }

    /**
     * HikariCP's own Micrometer tracker on the pool the JDBC stores built ({@code hikaricp.*}:
     * active, idle and pending connections, acquisition and usage time, timeouts), published with
     * the other metrics.
     */
    private static void poolMetrics(Injector injector) {
      PrometheusMeterRegistry registry = injector.getInstance(PrometheusMeterRegistry.class);
      Optional<DataSource> pool = injector.getInstance(JdbcStores.class).ownedDataSource();
      if (pool.isEmpty()) {
        return;
      }
      try {
        pool.get().unwrap(HikariDataSource.class).setMetricRegistry(registry);
      } catch (SQLException e) {
        log.warn("connection pool metrics are off: {}", e.toString());
      }
    }

    /**
     * Caffeine's statistics of the verified-token cache ({@code cache_gets_total{result=hit|miss}},
     * {@code cache_size}, {@code cache_evictions_total}, tagged {@code cache=portcullis.tokens}): a
     * low hit rate means every request pays a signature check.
     */
    private static void cacheMetrics(Injector injector) {
      PrometheusMeterRegistry registry = injector.getInstance(PrometheusMeterRegistry.class);
      injector
          .getInstance(JwtVerifier.class)
          .cache()
          .ifPresent(c -> CaffeineCacheMetrics.monitor(registry, c, "portcullis.tokens"));
    }

    private static String syncOffBanner() {
      String line = "*".repeat(78);
      return String.join(
          System.lineSeparator(),
          "USER SYNC IS OFF",
          line,
          "* auth.server.sync-secret (env AUTH_SERVER_SYNC_SECRET) is NOT SET.",
          "* POST /admin/users/sync answers 404: a front end that syncs its users here on sign-in",
          "* will NOT create them, and those users then get 401 on every call.",
          "* Fix: AUTH_SERVER_SYNC_SECRET=\"$(openssl rand -base64 32)\" here AND in the front end.",
          line);
    }
  }
}
