package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The Portcullis migrations: Flyway, {@code classpath:db/portcullis}, history table {@code
 * portcullis_schema_history} in the store's schema, so that they never mix with the application's
 * own migrations and history.
 */
public final class Migrations {

  /** The newest migration version in this jar; a unit test keeps it in step with the files. */
  public static final int LATEST_VERSION = 10;

  /** Where the migrations are. */
  public static final String LOCATION = "classpath:db/portcullis";

  private static final String COMPONENT = "jdbc store migrations";

  private Migrations() {}

  /**
   * Applies every pending migration to {@code schema} (folded), creating the schema if needed. Safe
   * to run from several instances at once: Flyway locks the history table.
   */
  public static void migrate(DataSource dataSource, String schema, SqlFailures failures) {
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .schemas(schema)
            .defaultSchema(schema)
            .createSchemas(true)
            .table(Tables.HISTORY)
            .locations(LOCATION)
            // A schema that already holds the application's tables has no Portcullis history
            // yet: start it at version 0, so that V1 onwards still run.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .placeholderReplacement(false)
            .load();
    try {
      flyway.migrate();
    } catch (FlywayException e) {
      throw translate(e, failures);
    }
  }

  /**
   * Checks that the schema holds every Portcullis migration of this jar.
   *
   * @throws ServiceUnavailableException saying how to migrate when it does not, or when the
   *     database cannot be reached
   */
  public static void verify(Database db) {
    int version = db.call(COMPONENT, c -> version(c, db.tables()));
    if (version < LATEST_VERSION) {
      throw new ServiceUnavailableException(
          new AuthError.ServiceUnavailable(COMPONENT, behind(db.tables(), version)));
    }
  }

  /**
   * The highest Portcullis schema version recorded in {@code tables}' history, or -1 when it
   * records none.
   *
   * @throws SQLException as the database reports it, for example when the history table is missing
   *     ({@link SqlFailures#missingObject})
   */
  public static int version(Connection c, Tables tables) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT \"version\" FROM "
                    + tables.history()
                    + " WHERE \"success\" = TRUE AND \"version\" IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      int max = -1;
      while (rs.next()) {
        max = Math.max(max, major(rs.getString(1)));
      }
      return max;
    }
  }

  /** Why a schema at {@code version} is refused, and how to migrate it. */
  public static String behind(Tables tables, int version) {
    return "schema \""
        + tables.schema()
        + "\" is at Portcullis schema version "
        + Math.max(version, 0)
        + ", and this version of auth-store-jdbc needs "
        + LATEST_VERSION
        + ": "
        + SqlFailures.MIGRATE
        + ".";
  }

  private static int major(String version) {
    try {
      int dot = version.indexOf('.');
      return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static RuntimeException translate(FlywayException e, SqlFailures failures) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return failures.translate(COMPONENT, sql);
      }
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("No database found") || message.contains("Unsupported Database")) {
      return new ConfigurationException(
          new AuthError.ConfigurationInvalid(
              List.of(
                  new ConfigProblem(
                      JdbcStoreSettings.URL,
                      SettingsReader.environmentVariable(JdbcStoreSettings.URL),
                      "Flyway cannot migrate this database: " + message,
                      "For PostgreSQL add org.flywaydb:flyway-database-postgresql (same version"
                          + " as flyway-core) to the application's dependencies."))),
          e);
    }
    return new ServiceUnavailableException(
        new AuthError.ServiceUnavailable(
            COMPONENT,
            "the Portcullis migrations failed ("
                + message.lines().findFirst().orElse("")
                + "): fix the cause, then run them again (JdbcStores.migrate(dataSource))."),
        e);
  }
}
