package dev.portcullis.auth.store.jdbc.testsupport;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One migrated database per test class, registered as a static {@code @RegisterExtension} field: a
 * fresh in-memory H2 database, or a fresh schema on the {@linkplain EmbeddedPostgresServer#shared()
 * shared embedded PostgreSQL}. {@link #fresh} empties every table and opens stores on it.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

  /** Every Portcullis table, children first. */
  public static final List<String> TABLES =
      List.of(
          "portcullis_user_roles",
          "portcullis_users",
          "portcullis_sessions",
          "portcullis_login_attempts",
          "portcullis_login_keys",
          "portcullis_revoked_tokens",
          "portcullis_revoked_sessions",
          "portcullis_revoked_users",
          "portcullis_rate_limits",
          "portcullis_reset_tokens",
          "portcullis_audit",
          "portcullis_single_use",
          "portcullis_authorization_codes",
          "portcullis_oauth_clients",
          "portcullis_consent_scopes",
          "portcullis_consents",
          "portcullis_device_grants",
          "portcullis_interactions",
          "portcullis_mfa_factors",
          "portcullis_mfa_recovery_codes",
          "portcullis_mfa_challenges");

  private static final AtomicInteger H2_COUNTER = new AtomicInteger();

  private final boolean postgres;
  private JdbcStoreSettings settings;
  private HikariDataSource dataSource;

  private TestDatabase(boolean postgres) {
    this.postgres = postgres;
  }

  /** A fresh in-memory H2 database in PostgreSQL mode per test class. */
  public static TestDatabase h2() {
    return new TestDatabase(false);
  }

  /** A fresh schema on the shared embedded PostgreSQL per test class. */
  public static TestDatabase postgres() {
    return new TestDatabase(true);
  }

  /**
   * Settings for a new, empty in-memory H2 database, migrated on start, without scheduled purge.
   */
  public static JdbcStoreSettings h2Settings() {
    return forTests(
        JdbcStoreSettings.forUrl(
            "jdbc:h2:mem:portcullis_"
                + H2_COUNTER.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";DB_CLOSE_DELAY=-1",
            "sa",
            ""));
  }

  /** Settings for an H2 file database in {@code dir}, migrated on start. */
  public static JdbcStoreSettings h2FileSettings(Path dir) {
    return forTests(
        JdbcStoreSettings.forUrl(
            "jdbc:h2:file:"
                + dir.resolve("portcullis").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
            "sa",
            ""));
  }

  /** Settings for a new schema on {@code server}, migrated on start. */
  public static JdbcStoreSettings postgresSettings(EmbeddedPostgresServer server) {
    return forTests(JdbcStoreSettings.forUrl(server.jdbcUrl(), EmbeddedPostgresServer.USER, ""))
        .withSchema(EmbeddedPostgresServer.uniqueSchemaName("t"));
  }

  /** Settings for a new schema on the shared embedded PostgreSQL, migrated on start. */
  public static JdbcStoreSettings postgresSettings() {
    return postgresSettings(EmbeddedPostgresServer.shared());
  }

  private static JdbcStoreSettings forTests(JdbcStoreSettings settings) {
    return settings
        .withMigrateOnStart(true)
        .withPurgeInterval(Duration.ZERO)
        .withConnectionTimeout(Duration.ofSeconds(30));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    settings = postgres ? postgresSettings() : h2Settings();
    dataSource = pool(settings, 20);
    JdbcStores.migrate(dataSource, settings.schema());
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(postgres ? "DROP SCHEMA " + settings.schema() + " CASCADE" : "DROP ALL OBJECTS");
    } finally {
      dataSource.close();
    }
  }

  /** A plain pool on the database of {@code settings}, for tests that need their own. */
  public static HikariDataSource pool(JdbcStoreSettings settings, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.username());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(30_000);
    return new HikariDataSource(config);
  }

  /** Empties every table, then opens stores on them that read time from {@code clock}. */
  public JdbcStores fresh(Clock clock, LockoutPolicy policy) {
    deleteAll();
    return JdbcStores.open(dataSource, settings, clock, policy);
  }

  /** The settings of this class's database. */
  public JdbcStoreSettings settings() {
    return settings;
  }

  /** The pool of this class's database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Empties every Portcullis table. */
  public void deleteAll() {
    update(TABLES.stream().map(t -> "DELETE FROM " + settings.schema() + "." + t).toList());
  }

  /** Runs statements, each in autocommit. */
  public void update(List<String> sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : sql) {
        s.execute(statement);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of the first row of {@code sql}. */
  public long queryLong(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
