package dev.portcullis.auth.server.internal;

import com.typesafe.config.Config;
import dev.portcullis.auth.core.settings.Environment;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.ServerSettings.Store;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and validates {@code auth.server.*} through a {@link SettingsReader} into {@link
 * ServerSettings}. Use it through {@link SettingsReader#read}.
 */
public final class ServerSettingsReader {

  private static final String P = ServerSettings.PATH + ".";
  private static final String L = P + "limits.";

  /** The key of the log format, which the launcher also reads before anything is logged. */
  public static final String LOG_FORMAT = P + "log-format";

  private static final String JDBC_URL = "auth.store.jdbc.url";
  private static final String TOKEN_MAX_SIZE = "auth.token.max-size";

  private ServerSettingsReader() {}

  /** Reads {@code auth.server.*}, recording every problem and warning in {@code reader}. */
  public static ServerSettings read(SettingsReader reader) {
    Environment env = reader.environment();
    int warningsBefore = reader.warnings().size();
    String host = reader.string(P + "host").trim();
    if (host.isEmpty()) {
      reader.problem(P + "host", "is empty.", "use 0.0.0.0 (every interface) or 127.0.0.1");
      host = "0.0.0.0";
    }
    int port = reader.integer(P + "port", 0, 65_535);
    Path dataDir = dataDir(reader);
    Store store =
        reader.parsed(
            P + "store",
            Store.JDBC,
            s -> {
              try {
                return Store.valueOf(s.trim().toUpperCase(Locale.ROOT));
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + s + "' is not a store");
              }
            },
            "use jdbc or memory");
    if (store == Store.MEMORY) {
      reader.insecure(
          P + "store",
          "is memory: users, sessions, lockouts and revocations are lost at every restart and are"
              + " not shared between instances.",
          "use jdbc (the default), with AUTH_STORE_JDBC_URL pointing at PostgreSQL");
    }
    int maxBody = reader.integer(P + "max-body-bytes", 1024, 1024 * 1024);
    Duration shutdown = reader.positiveDuration(P + "shutdown-timeout");
    List<String> origins = origins(reader);
    List<String> proxies = proxies(reader);
    String admin = reader.secret(P + "admin-secret", 32).orElse(null);
    String sync = reader.secret(P + "sync-secret", 32).orElse(null);
    if (admin != null && admin.equals(sync)) {
      reader.problem(
          P + "sync-secret",
          "is the same as auth.server.admin-secret; a front end holding the sync secret could then"
              + " clear lockouts.",
          "generate a separate secret for each: openssl rand -base64 32");
    }
    String metrics = reader.secret(P + "metrics-token", 32).orElse(null);
    if (metrics != null && (metrics.equals(admin) || metrics.equals(sync))) {
      reader.problem(
          P + "metrics-token",
          "is the same as auth.server.admin-secret or auth.server.sync-secret; whatever scrapes"
              + " metrics would then hold an operator's secret.",
          "generate a separate token: openssl rand -base64 32");
    }
    boolean allowEmbedded = embeddedDatabase(reader, store);
    boolean requestLog = reader.bool(P + "request-log");
    ServerSettings.LogFormat logFormat =
        reader.parsed(
            LOG_FORMAT,
            ServerSettings.LogFormat.TEXT,
            ServerSettings.LogFormat::parse,
            "use text or json");
    URI webhook = webhook(reader);
    String webhookSecret = reader.secret(P + "notify.webhook-secret", 32).orElse(null);
    ServerSettings.Limits limits = limits(reader);
    List<String> all = reader.warnings();
    List<String> warnings = all.subList(warningsBefore, all.size());
    return new ServerSettings(
        env,
        host,
        port,
        dataDir,
        store,
        maxBody,
        shutdown,
        origins,
        proxies,
        admin,
        sync,
        metrics,
        allowEmbedded,
        requestLog,
        logFormat,
        webhook,
        webhookSecret,
        warnings,
        limits);
  }

  private static Path dataDir(SettingsReader reader) {
    String raw = reader.string(P + "data-dir").trim();
    Path fallback = Path.of("data").toAbsolutePath();
    if (raw.isEmpty()) {
      reader.problem(P + "data-dir", "is empty.", "use a directory such as ./data");
      return fallback;
    }
    if (raw.contains(";")) {
      // The embedded database URL is built from it; ';' would start a URL parameter.
      reader.problem(
          P + "data-dir", "contains ';', which the H2 URL cannot hold.", "choose another path");
      return fallback;
    }
    try {
      return Path.of(raw).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      reader.problem(P + "data-dir", "is not a valid path.", "use a directory such as ./data");
      return fallback;
    }
  }

  private static List<String> origins(SettingsReader reader) {
    String key = P + "cors.allowed-origins";
    List<String> origins = reader.list(key);
    List<String> valid = new ArrayList<>();
    for (String o : origins) {
      if (o.equals("*")) {
        reader.insecure(
            key,
            "is \"*\": any web site may call the API from its visitors' browsers.",
            "list your front ends' origins, for example \"https://app.example.com\"");
        valid.add(o);
        continue;
      }
      String problem = originProblem(o);
      if (problem != null) {
        reader.problem(
            key,
            "contains '" + o + "', which " + problem,
            "write each origin exactly as browsers send it: scheme://host[:port], for example"
                + " https://app.example.com or http://localhost:3000");
      } else {
        valid.add(o);
      }
    }
    return valid;
  }

  private static String originProblem(String origin) {
    URI uri;
    try {
      uri = new URI(origin);
    } catch (URISyntaxException e) {
      return "is not a URL.";
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return "does not start with http:// or https://.";
    }
    if (uri.getHost() == null) {
      return "has no host.";
    }
    if (origin.endsWith("/")) {
      return "ends with '/'; browsers send origins without a trailing slash, so it never matches.";
    }
    if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      return "has a path, query or fragment; an origin is only scheme://host[:port].";
    }
    if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
      return "has upper-case letters; browsers send origins in lower case.";
    }
    return null;
  }

  private static List<String> proxies(SettingsReader reader) {
    String key = P + "trusted-proxies";
    List<String> proxies = reader.list(key);
    List<String> valid = new ArrayList<>();
    List<IpRanges.Range> ranges = new ArrayList<>();
    for (String p : proxies) {
      try {
        ranges.add(IpRanges.parseRange(p));
        valid.add(p);
      } catch (IllegalArgumentException e) {
        reader.problem(
            key,
            "contains '" + p + "', which " + e.getMessage() + ".",
            "write IP addresses or CIDR ranges, for example 10.0.0.0/8,192.168.1.10");
      }
    }
    // The union, not each entry: 0.0.0.0/1 with 128.0.0.0/1 trusts every peer as 0.0.0.0/0 does.
    for (IpRanges.Family family : IpRanges.coveredFamilies(ranges)) {
      reader.insecure(
          key,
          "covers every "
              + family.label()
              + " address ("
              + String.join(", ", valid)
              + "), so it trusts every peer: any client can then choose its own address and"
              + " escape rate limits.",
          "list only your load balancers' addresses or subnets");
    }
    return valid;
  }

  /**
   * {@code allow-embedded-database}: staging and production refuse the embedded H2 database (one
   * instance, on this host's disk) unless it is explicitly allowed.
   */
  private static boolean embeddedDatabase(SettingsReader reader, Store store) {
    String key = P + "allow-embedded-database";
    boolean allowed = reader.bool(key);
    if (store != Store.JDBC || !reader.environment().strict() || allowed) {
      return allowed;
    }
    String url;
    try {
      url = reader.config().hasPath(JDBC_URL) ? reader.config().getString(JDBC_URL) : "";
    } catch (com.typesafe.config.ConfigException e) {
      return allowed; // the JDBC store's own validation names this one
    }
    if (url.isBlank() || url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:h2:")) {
      reader.problem(
          key,
          "is false, and the database is the embedded H2 ("
              + JDBC_URL
              + " / "
              + SettingsReader.environmentVariable(JDBC_URL)
              + " is unset or an H2 URL): one instance only, on this host's disk, refused in "
              + reader.environment().value()
              + " unless allowed.",
          "set "
              + SettingsReader.environmentVariable(JDBC_URL)
              + "=jdbc:postgresql://host:5432/portcullis, or accept the embedded database with "
              + SettingsReader.environmentVariable(key)
              + "=true");
    }
    return allowed;
  }

  private static URI webhook(SettingsReader reader) {
    String key = P + "notify.webhook-url";
    Optional<String> raw = reader.optionalString(key);
    if (raw.isEmpty()) {
      if (reader.environment().strict()) {
        reader.problem(
            key,
            "is not set; "
                + reader.environment().value()
                + " needs a way to deliver password-reset links (development only logs them).",
            "point it at your mailer's endpoint, for example https://mailer.internal/portcullis");
      }
      return null;
    }
    URI uri;
    try {
      uri = new URI(raw.get().trim());
    } catch (URISyntaxException e) {
      reader.problem(key, "is not a URL.", "write it as https://mailer.internal/portcullis");
      return null;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      reader.problem(
          key, "is not an http(s) URL.", "write it as https://mailer.internal/portcullis");
      return null;
    }
    String host = uri.getHost();
    if (scheme.equals("http") && !host.equals("localhost") && !host.equals("127.0.0.1")) {
      reader.insecure(
          key,
          "uses plain http, so reset links would cross the network unencrypted.",
          "use an https URL");
    }
    return uri;
  }

  private static ServerSettings.Limits limits(SettingsReader reader) {
    Duration body = reader.positiveDuration(L + "body-timeout");
    if (body.compareTo(Duration.ofMinutes(5)) > 0) {
      reader.problem(
          L + "body-timeout",
          "is " + body + "; a slow client could hold a connection that long.",
          "use at most 5m; 10s suits JSON bodies of a few kilobytes");
    }
    long rate = reader.integer(L + "min-data-rate", 0, 1 << 30);
    Duration idle = reader.positiveDuration(L + "idle-timeout");
    if (idle.compareTo(Duration.ofSeconds(1)) < 0 || idle.compareTo(Duration.ofHours(1)) > 0) {
      reader.problem(
          L + "idle-timeout",
          "is " + idle + ", outside 1s..1h.",
          "use a value such as 30s: longer than your clients' pauses between requests");
    }
    int header = reader.integer(L + "max-header-bytes", 4096, 2 * 1024 * 1024);
    Config c = reader.config();
    if (c.hasPath(TOKEN_MAX_SIZE)) {
      try {
        int tokenMax = c.getInt(TOKEN_MAX_SIZE);
        if (header < tokenMax + ServerSettings.Limits.HEADER_MARGIN) {
          reader.problem(
              L + "max-header-bytes",
              "is "
                  + header
                  + " bytes, too small for an Authorization header carrying a token of "
                  + TOKEN_MAX_SIZE
                  + " ("
                  + SettingsReader.environmentVariable(TOKEN_MAX_SIZE)
                  + ") = "
                  + tokenMax
                  + " characters plus "
                  + ServerSettings.Limits.HEADER_MARGIN
                  + " bytes for the other headers; such requests would get 431.",
              "set it to at least "
                  + (tokenMax + ServerSettings.Limits.HEADER_MARGIN)
                  + ", or lower the token size");
        }
      } catch (com.typesafe.config.ConfigException e) {
        // auth.token.max-size is wrong itself; the token settings report it.
      }
    }
    return new ServerSettings.Limits(body, rate, idle, header);
  }
}
