package dev.portcullis.auth.store.jdbc;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The settings of the JDBC stores, {@code auth.store.jdbc.*} in the configuration (see this
 * module's {@code reference.conf}). Immutable; {@link #toString()} never prints the password.
 *
 * @param url the JDBC URL ({@code jdbc:postgresql://host:5432/db}, or {@code jdbc:h2:...} with
 *     {@code MODE=PostgreSQL}); null or blank when the caller supplies its own {@code DataSource}
 * @param username the database user, or blank
 * @param password the database password, or blank
 * @param schema the schema that holds the Portcullis tables, one per tenant; an unquoted SQL
 *     identifier, folded to the database's case ({@code public} on PostgreSQL, {@code PUBLIC} or
 *     {@code public} on H2)
 * @param poolSize the most connections the pool opens
 * @param connectionTimeout how long a store call waits for a free connection before failing with
 *     {@code service_unavailable}; at least 250 ms
 * @param purgeInterval how often expired rows are deleted; zero disables the scheduled purge
 * @param auditRetention how long audit records are kept by the scheduled purge
 * @param migrateOnStart whether starting the stores applies the Portcullis migrations; when false
 *     they only check that the schema is up to date
 */
public record JdbcStoreSettings(
    String url,
    String username,
    String password,
    String schema,
    int poolSize,
    Duration connectionTimeout,
    Duration purgeInterval,
    Duration auditRetention,
    boolean migrateOnStart) {

  /** The configuration path of these settings. */
  public static final String PATH = "auth.store.jdbc";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /**
   * Validates every value at once.
   *
   * @throws ConfigurationException listing every invalid value
   */
  public JdbcStoreSettings {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    List<ConfigProblem> problems = new ArrayList<>();
    if (url != null && !url.isBlank() && !url.startsWith("jdbc:")) {
      problems.add(
          problem(
              "url",
              "is not a JDBC URL.",
              "Write it as jdbc:postgresql://host:5432/database, or"
                  + " jdbc:h2:file:/path/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH."));
    }
    if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
      problems.add(
          problem(
              "schema",
              "must be an unquoted SQL identifier: a letter or underscore, then letters, digits or"
                  + " underscores, at most 63 in all.",
              "Use a name such as public or tenant_acme."));
    }
    if (poolSize < 1 || poolSize > 1000) {
      problems.add(
          problem(
              "pool-size",
              "must be between 1 and 1000, is " + poolSize + ".",
              "Start with 10; the sum over all instances must stay below the database's"
                  + " max_connections."));
    }
    if (connectionTimeout == null || connectionTimeout.toMillis() < 250) {
      problems.add(
          problem(
              "connection-timeout",
              "must be at least 250ms, is " + connectionTimeout + ".",
              "Use a value such as 5s."));
    }
    if (purgeInterval == null || purgeInterval.isNegative()) {
      problems.add(
          problem(
              "purge-interval",
              "must be zero (no scheduled purge) or positive, is " + purgeInterval + ".",
              "Use a value such as 5m."));
    }
    if (auditRetention == null || auditRetention.isNegative() || auditRetention.isZero()) {
      problems.add(
          problem(
              "audit-retention",
              "must be positive, is " + auditRetention + ".",
              "Use a value such as 90d."));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /**
   * Settings for {@code url} with every other value at its default: schema {@code public}, 10
   * connections, 5 s connection timeout, a purge every 5 minutes, 90 days of audit records, and no
   * migration on start.
   */
  public static JdbcStoreSettings forUrl(String url, String username, String password) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        "public",
        10,
        Duration.ofSeconds(5),
        Duration.ofMinutes(5),
        Duration.ofDays(90),
        false);
  }

  /**
   * Settings with every default and no URL, for a {@code DataSource} the caller supplies: only
   * schema, purge interval, audit retention and migrate-on-start matter then.
   */
  public static JdbcStoreSettings defaults() {
    return forUrl(null, "", "");
  }

  /**
   * Reads {@code auth.store.jdbc.*} from {@code config}, falling back to this module's {@code
   * reference.conf} for missing keys.
   *
   * @throws ConfigurationException listing every missing or invalid value at once
   */
  public static JdbcStoreSettings fromConfig(Config config) {
    Config c =
        config.withFallback(
            ConfigFactory.defaultReference(JdbcStoreSettings.class.getClassLoader()));
    List<ConfigProblem> problems = new ArrayList<>();
    String url = read(problems, "url", () -> c.getString(PATH + ".url"), "");
    String username = read(problems, "username", () -> c.getString(PATH + ".username"), "");
    String password = read(problems, "password", () -> c.getString(PATH + ".password"), "");
    String schema = read(problems, "schema", () -> c.getString(PATH + ".schema"), "public");
    int poolSize = read(problems, "pool-size", () -> c.getInt(PATH + ".pool-size"), 10);
    Duration timeout =
        read(
            problems,
            "connection-timeout",
            () -> c.getDuration(PATH + ".connection-timeout"),
            Duration.ofSeconds(5));
    Duration purge =
        read(
            problems,
            "purge-interval",
            () -> c.getDuration(PATH + ".purge-interval"),
            Duration.ofMinutes(5));
    Duration retention =
        read(
            problems,
            "audit-retention",
            () -> c.getDuration(PATH + ".audit-retention"),
            Duration.ofDays(90));
    boolean migrate =
        read(problems, "migrate-on-start", () -> c.getBoolean(PATH + ".migrate-on-start"), false);
    if (url.isBlank()) {
      problems.add(
          problem(
              "url",
              "is not set.",
              "Set it to the database's JDBC URL, for example"
                  + " jdbc:postgresql://db.internal:5432/auth."));
    }
    try {
      JdbcStoreSettings settings =
          new JdbcStoreSettings(
              url, username, password, schema, poolSize, timeout, purge, retention, migrate);
      if (problems.isEmpty()) {
        return settings;
      }
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
    }
    throw new ConfigurationException(problems);
  }

  /** These settings with another schema (one per tenant). */
  public JdbcStoreSettings withSchema(String schema) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        schema,
        poolSize,
        connectionTimeout,
        purgeInterval,
        auditRetention,
        migrateOnStart);
  }

  /** These settings with another pool size. */
  public JdbcStoreSettings withPoolSize(int poolSize) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        schema,
        poolSize,
        connectionTimeout,
        purgeInterval,
        auditRetention,
        migrateOnStart);
  }

  /** These settings with another connection timeout. */
  public JdbcStoreSettings withConnectionTimeout(Duration connectionTimeout) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        schema,
        poolSize,
        connectionTimeout,
        purgeInterval,
        auditRetention,
        migrateOnStart);
  }

  /** These settings with another purge interval; zero disables the scheduled purge. */
  public JdbcStoreSettings withPurgeInterval(Duration purgeInterval) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        schema,
        poolSize,
        connectionTimeout,
        purgeInterval,
        auditRetention,
        migrateOnStart);
  }

  /** These settings with another audit retention. */
  public JdbcStoreSettings withAuditRetention(Duration auditRetention) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        schema,
        poolSize,
        connectionTimeout,
        purgeInterval,
        auditRetention,
        migrateOnStart);
  }

  /** These settings with migrate-on-start set as given. */
  public JdbcStoreSettings withMigrateOnStart(boolean migrateOnStart) {
    return new JdbcStoreSettings(
        url,
        username,
        password,
        schema,
        poolSize,
        connectionTimeout,
        purgeInterval,
        auditRetention,
        migrateOnStart);
  }

  /** The URL without its query parameters (which may carry a password), for messages. */
  public String redactedUrl() {
    if (url == null || url.isBlank()) {
      return "(a DataSource supplied by the application)";
    }
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int i = url.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    // user:password@host in the authority part
    String head = url.substring(0, cut).replaceAll("//[^/@]*@", "//<redacted>@");
    return cut < url.length() ? head + url.charAt(cut) + "..." : head;
  }

  @Override
  public String toString() {
    return "JdbcStoreSettings[url="
        + redactedUrl()
        + ", username="
        + username
        + ", password="
        + (password.isEmpty() ? "<empty>" : "<redacted>")
        + ", schema="
        + schema
        + ", poolSize="
        + poolSize
        + ", connectionTimeout="
        + connectionTimeout
        + ", purgeInterval="
        + purgeInterval
        + ", auditRetention="
        + auditRetention
        + ", migrateOnStart="
        + migrateOnStart
        + "]";
  }

  private static <T> T read(
      List<ConfigProblem> problems, String key, Supplier<T> reader, T fallback) {
    try {
      return reader.get();
    } catch (ConfigException e) {
      problems.add(problem(key, "cannot be read: " + e.getMessage(), "Correct its value."));
      return fallback;
    }
  }

  private static ConfigProblem problem(String key, String problem, String fix) {
    String full = PATH + "." + key;
    return new ConfigProblem(full, SettingsReader.environmentVariable(full), problem, fix);
  }
}
