package dev.portcullis.auth.server;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.server.internal.ServerSettingsReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated server settings ({@code auth.server.*}), read once at start-up. See {@code
 * reference.conf} of auth-server for every key, its default and its environment variable.
 * Immutable; {@link #toString()} never prints a secret.
 *
 * @param environment where the server runs (from {@code auth.environment})
 * @param host the interface to listen on
 * @param port the TCP port, 0 for any free port
 * @param dataDir the absolute data directory (embedded database, development keys)
 * @param store where state lives
 * @param maxBodyBytes the largest accepted request body
 * @param shutdownTimeout how long a shutdown waits for requests in flight
 * @param corsAllowedOrigins origins allowed to call the API from a browser; {@code *} for any
 * @param trustedProxies addresses and CIDR ranges whose {@code X-Forwarded-For} is believed
 * @param adminSecret the {@code X-Admin-Secret} value, or null when the admin endpoints are off
 * @param syncSecret the {@code X-Auth-Sync-Secret} value, or null when user sync is off
 * @param metricsToken the Bearer token of {@code GET /metrics}, or null when metrics are off
 * @param allowEmbeddedDatabase whether staging and production may run on the embedded H2 database
 * @param requestLog whether each request is logged as a JSON line
 * @param logFormat how the launcher's logging backend writes log lines ({@code
 *     auth.server.log-format}); an embedding application's own backend decides for itself
 * @param notifyWebhookUrl where notifications are POSTed, or null to log them (development)
 * @param notifyWebhookSecret sent with each notification, or null
 * @param warnings what is allowed here but worth saying at start-up
 * @param limits bounds on slow and oversized requests ({@code auth.server.limits.*})
 */
public record ServerSettings(
    Environment environment,
    String host,
    int port,
    Path dataDir,
    Store store,
    int maxBodyBytes,
    Duration shutdownTimeout,
    List<String> corsAllowedOrigins,
    List<String> trustedProxies,
    String adminSecret,
    String syncSecret,
    String metricsToken,
    boolean allowEmbeddedDatabase,
    boolean requestLog,
    LogFormat logFormat,
    URI notifyWebhookUrl,
    String notifyWebhookSecret,
    List<String> warnings,
    Limits limits) {

  /** The configuration path of these settings. */
  public static final String PATH = "auth.server";

  /** Where the server keeps its state. */
  public enum Store {
    /** JDBC: the embedded H2 file database by default, PostgreSQL when a URL is set. */
    JDBC,
    /** In memory: lost at restart, one process only. */
    MEMORY;

    /** The settings value, for example {@code jdbc}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How the server's log lines are written ({@code auth.server.log-format}). */
  public enum LogFormat {
    /** One human-readable line per event. */
    TEXT,
    /** One JSON object per line: timestamp, level, logger, thread, message. */
    JSON;

    /** The settings value, for example {@code json}. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format {@code value} names, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException when it names none
     */
    public static LogFormat parse(String value) {
      for (LogFormat f : values()) {
        if (f.value().equals(value.strip().toLowerCase(Locale.ROOT))) {
          return f;
        }
      }
      throw new IllegalArgumentException("'" + value + "' is not a log format");
    }
  }

  public ServerSettings {
    Objects.requireNonNull(logFormat, "logFormat");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535");
    }
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
    trustedProxies = List.copyOf(trustedProxies);
    warnings = List.copyOf(warnings);
    Objects.requireNonNull(limits, "limits");
  }

  /**
   * Reads {@code auth.server.*} (and {@code auth.environment}) once. The server reads every area at
   * once with {@link dev.portcullis.auth.core.settings.PortcullisSettings#load} instead.
   *
   * @throws ConfigurationException listing every problem
   */
  public static ServerSettings load(Config config) {
    SettingsReader reader = new SettingsReader(config);
    Optional<ServerSettings> settings = reader.read(ServerSettings::read);
    reader.throwIfProblems();
    return settings.orElseThrow();
  }

  /**
   * Reads {@code auth.server.*} through {@code reader}, recording every problem there; use it
   * through {@link SettingsReader#read}, which yields nothing when a problem was recorded.
   */
  public static ServerSettings read(SettingsReader reader) {
    return ServerSettingsReader.read(reader);
  }

  /** The admin secret, when the admin endpoints are on. */
  public Optional<String> admin() {
    return Optional.ofNullable(adminSecret);
  }

  /** The sync secret, when user sync is on. */
  public Optional<String> sync() {
    return Optional.ofNullable(syncSecret);
  }

  /** The token that {@code GET /metrics} requires, when metrics are on. */
  public Optional<String> metrics() {
    return Optional.ofNullable(metricsToken);
  }

  /** The notification webhook, when one is configured. */
  public Optional<URI> webhook() {
    return Optional.ofNullable(notifyWebhookUrl);
  }

  /** These settings with another port. */
  public ServerSettings withPort(int port) {
    return new ServerSettings(
        environment,
        host,
        port,
        dataDir,
        store,
        maxBodyBytes,
        shutdownTimeout,
        corsAllowedOrigins,
        trustedProxies,
        adminSecret,
        syncSecret,
        metricsToken,
        allowEmbeddedDatabase,
        requestLog,
        logFormat,
        notifyWebhookUrl,
        notifyWebhookSecret,
        warnings,
        limits);
  }

  @Override
  public String toString() {
    return "ServerSettings[environment="
        + environment.value()
        + ", host="
        + host
        + ", port="
        + port
        + ", dataDir="
        + dataDir
        + ", store="
        + store.value()
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", shutdownTimeout="
        + shutdownTimeout
        + ", corsAllowedOrigins="
        + corsAllowedOrigins
        + ", trustedProxies="
        + trustedProxies
        + ", adminSecret="
        + (adminSecret == null ? "<unset>" : "<redacted>")
        + ", syncSecret="
        + (syncSecret == null ? "<unset>" : "<redacted>")
        + ", metricsToken="
        + (metricsToken == null ? "<unset>" : "<redacted>")
        + ", allowEmbeddedDatabase="
        + allowEmbeddedDatabase
        + ", requestLog="
        + requestLog
        + ", notifyWebhookUrl="
        + notifyWebhookUrl
        + ", notifyWebhookSecret="
        + (notifyWebhookSecret == null ? "<unset>" : "<redacted>")
        + ", limits="
        + limits
        + "]";
  }

  // --- HTTP limits (auth.server.limits.*) ------------------------------------------------------

  /**
   * Bounds on slow and oversized requests ({@code auth.server.limits.*}).
   *
   * @param bodyTimeout how long a request body may take to arrive once its headers are in
   * @param minDataRate the lowest average rate, in bytes per second, at which a body must arrive
   *     after its first second; 0 turns the check off
   * @param idleTimeout how long a connection may stay silent before it is closed
   * @param maxHeaderBytes the largest request line plus headers, in bytes
   */
  public record Limits(
      Duration bodyTimeout, long minDataRate, Duration idleTimeout, int maxHeaderBytes) {

    /** What the headers need besides an {@code Authorization: Bearer} token of the largest size. */
    public static final int HEADER_MARGIN = 4096;

    public Limits {
      Objects.requireNonNull(bodyTimeout, "bodyTimeout");
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (minDataRate < 0) {
        throw new IllegalArgumentException("minDataRate must not be negative");
      }
    }
  }
}
