package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The databases the stores support, and the few statements they write differently. Everything else
 * is one SQL text for both: {@code INSERT ... ON CONFLICT DO NOTHING}, conditional {@code UPDATE},
 * {@code SELECT ... FOR UPDATE}.
 */
public enum Dialect {
  /** PostgreSQL 10 or newer. */
  POSTGRESQL {
    @Override
    public String updateReturning(String update, String columns) {
      return update + " RETURNING " + columns;
    }

    @Override
    public String deleteReturning(String delete, String columns) {
      return delete + " RETURNING " + columns;
    }
  },
  /** H2 2.x in {@code MODE=PostgreSQL}. */
  H2 {
    @Override
    public String updateReturning(String update, String columns) {
      return "SELECT " + columns + " FROM FINAL TABLE (" + update + ")";
    }

    @Override
    public String deleteReturning(String delete, String columns) {
      return "SELECT " + columns + " FROM OLD TABLE (" + delete + ")";
    }
  };

  /** An {@code UPDATE} that also returns {@code columns} of the rows as they are after it. */
  public abstract String updateReturning(String update, String columns);

  /** A {@code DELETE} that also returns {@code columns} of the deleted rows. */
  public abstract String deleteReturning(String delete, String columns);

  /**
   * The dialect of the database behind {@code connection}.
   *
   * @throws ConfigurationException for any other database, or for H2 outside PostgreSQL mode
   */
  public static Dialect of(Connection connection) throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    String product = md.getDatabaseProductName();
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return POSTGRESQL;
    }
    if ("H2".equalsIgnoreCase(product)) {
      String mode;
      try (Statement s = connection.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                      + " WHERE SETTING_NAME = 'MODE'")) {
        mode = rs.next() ? rs.getString(1) : "";
      }
      if (!"PostgreSQL".equalsIgnoreCase(mode)) {
        throw urlProblem(
            "points at H2 in mode '" + mode + "'; the Portcullis tables need MODE=PostgreSQL.",
            "Append ;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH to the H2"
                + " URL.");
      }
      return H2;
    }
    throw urlProblem(
        "points at " + product + ", which auth-store-jdbc does not support.",
        "Use PostgreSQL, or H2 with MODE=PostgreSQL.");
  }

  /** {@code schema} folded as the database folds unquoted identifiers. */
  public static String foldSchema(Connection connection, String schema) throws SQLException {
    DatabaseMetaData md = connection.getMetaData();
    if (md.storesLowerCaseIdentifiers()) {
      return schema.toLowerCase(Locale.ROOT);
    } else if (md.storesUpperCaseIdentifiers()) {
      return schema.toUpperCase(Locale.ROOT);
    }
    return schema;
  }

  private static ConfigurationException urlProblem(String problem, String fix) {
    return new ConfigurationException(
        List.of(
            new ConfigProblem(
                JdbcStoreSettings.URL,
                SettingsReader.environmentVariable(JdbcStoreSettings.URL),
                problem,
                fix)));
  }
}
