package dev.portcullis.auth.store.jdbc;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

  /** The key of the URL, which problems about the database name. */
  public static final String URL = PATH + ".url";

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
   * Settings for {@code url} with every other value at its {@code reference.conf} default (schema
   * {@code public}, 10 connections, 5 s connection timeout, a purge every 5 minutes, 90 days of
   * audit records, no migration on start).
   */
  public static JdbcStoreSettings forUrl(String url, String username, String password) {
    return defaults().withConnection(url, username, password);
  }

  /**
   * The defaults of {@code reference.conf} (the only place they are written), with no URL: for a
   * {@code DataSource} the caller supplies, only schema, purge interval, audit retention and
   * migrate-on-start matter then. Read once per class loader, on first use.
   */
  public static JdbcStoreSettings defaults() {
    return Defaults.VALUE;
  }

  /**
   * Reads {@code auth.store.jdbc.*} from {@code config} once; {@code config} must hold this
   * module's {@code reference.conf}, as {@link AuthConfig} loads it (a missing key is a problem).
   * With other modules, read every area at once with {@link PortcullisSettings#load} instead.
   *
   * @throws ConfigurationException listing every missing or invalid value at once
   */
  public static JdbcStoreSettings fromConfig(Config config) {
    SettingsReader reader = new SettingsReader(config);
    Optional<JdbcStoreSettings> settings = reader.read(JdbcStoreSettings::read);
    reader.throwIfProblems();
    return settings.orElseThrow();
  }

  /**
   * Reads {@code auth.store.jdbc.*} through {@code reader}, recording every problem there; use it
   * through {@link SettingsReader#read}, which yields nothing when a problem was recorded. The
   * limits are this record's own (its constructor lists every value out of range). An unset URL is
   * no problem here: a {@code DataSource} may supply the connections ({@link JdbcStoreModule}
   * refuses settings with neither).
   */
  public static JdbcStoreSettings read(SettingsReader reader) {
    String p = PATH + ".";
    return new JdbcStoreSettings(
        reader.optionalString(p + "url").map(String::trim).orElse(""),
        reader.optionalString(p + "username").orElse(""),
        reader.optionalString(p + "password").orElse(""),
        reader.string(p + "schema"),
        reader.integer(p + "pool-size", Integer.MIN_VALUE, Integer.MAX_VALUE),
        reader.nonNegativeDuration(p + "connection-timeout"),
        reader.nonNegativeDuration(p + "purge-interval"),
        reader.positiveDuration(p + "audit-retention"),
        reader.bool(p + "migrate-on-start"));
  }

  /** Whether a URL is set (else a {@code DataSource} must supply the connections). */
  public boolean hasUrl() {
    return url != null && !url.isBlank();
  }

  /** These settings with another URL, user and password. */
  public JdbcStoreSettings withConnection(String url, String username, String password) {
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

  /** Defaults read when first asked for. */
  private static final class Defaults {
    static final JdbcStoreSettings VALUE = fromConfig(AuthConfig.defaults());
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

  private static ConfigProblem problem(String key, String problem, String fix) {
    String full = PATH + "." + key;
    return new ConfigProblem(full, SettingsReader.environmentVariable(full), problem, fix);
  }
}
