package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Turns a database failure into what callers of a store get: {@link ServiceUnavailableException}
 * naming the cause and the settings to look at (so that callers fail closed), or {@link
 * IllegalArgumentException} for a value the database refused.
 */
public final class SqlFailures {

  /** The fix for missing or outdated tables, in every message about them. */
  public static final String MIGRATE =
      "run the Portcullis migrations: JdbcStores.migrate(dataSource) or"
          + " auth.store.jdbc.migrate-on-start=true";

  private final String url;
  private final String schema;
  private final boolean ownPool;
  private final int poolSize;
  private final Duration connectionTimeout;

  /**
   * @param url the redacted URL, for messages
   * @param schema the schema of the tables
   * @param ownPool whether the pool was built from auth.store.jdbc settings (rather than a
   *     DataSource of the application)
   * @param poolSize auth.store.jdbc.pool-size
   * @param connectionTimeout auth.store.jdbc.connection-timeout
   */
  public SqlFailures(
      String url, String schema, boolean ownPool, int poolSize, Duration connectionTimeout) {
    this.url = url;
    this.schema = schema;
    this.ownPool = ownPool;
    this.poolSize = poolSize;
    this.connectionTimeout = connectionTimeout;
  }

  /** Whether running the same work again may succeed (a deadlock, a serialization failure). */
  public static boolean retryable(SQLException e) {
    String state = state(e);
    return "40001".equals(state)
        || "40P01".equals(state)
        // H2: lock timeout, concurrent update
        || "HYT00".equals(state)
        || "90131".equals(state);
  }

  /** Whether {@code e} says a table or schema does not exist. */
  public static boolean missingObject(SQLException e) {
    String state = state(e);
    return state.equals("42P01")
        // H2: table not found (plain, with candidates, in an empty database), schema not found
        || state.equals("42S02")
        || state.equals("42S03")
        || state.equals("42S04")
        || state.equals("3F000")
        || state.equals("90079");
  }

  /** Whether {@code e} is a unique-key violation. */
  public static boolean uniqueViolation(SQLException e) {
    return "23505".equals(state(e));
  }

  /** The exception a store throws for {@code e}. */
  public RuntimeException translate(String component, SQLException e) {
    String state = state(e);
    String cls = state.length() >= 2 ? state.substring(0, 2) : "";
    SQLException connection = connectionFailure(e);
    String detail;
    if (e instanceof SQLTransientConnectionException && connection == null) {
      detail = poolExhausted();
    } else if (connection != null) {
      detail = unreachable(connection);
    } else if (cls.equals("22")) {
      // Not the database's message: it may quote the value, and values may be secrets.
      return new IllegalArgumentException(
          "the database refused a value as too long or out of range (SQLState " + state + ")", e);
    } else if (missingObject(e)) {
      detail =
          "the Portcullis tables are missing in schema \""
              + schema
              + "\" ("
              + firstLine(e.getMessage())
              + "): "
              + MIGRATE
              + ".";
    } else if (state.equals("42703") || state.equals("42S22")) {
      detail =
          "the Portcullis tables in schema \""
              + schema
              + "\" are older than this version of auth-store-jdbc ("
              + firstLine(e.getMessage())
              + "): "
              + MIGRATE
              + ".";
    } else if (state.equals("42501") || state.equals("90096")) {
      detail =
          "the database user may not use the Portcullis tables in schema \""
              + schema
              + "\" ("
              + firstLine(e.getMessage())
              + "): grant it SELECT, INSERT, UPDATE and DELETE on them, or check"
              + " auth.store.jdbc.username.";
    } else if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
      detail =
          "the database kept aborting the operation on lock conflicts (SQLState "
              + state
              + "), even after retries: look for long transactions holding locks on the"
              + " Portcullis tables.";
    } else if (state.equals("57014")) {
      detail =
          "the database cancelled the statement (statement timeout or an operator):"
              + " look for slow queries or locks on the Portcullis tables.";
    } else if (state.equals("25006")) {
      detail =
          "the database is read-only (a replica, or in recovery): point auth.store.jdbc.url at"
              + " the primary.";
    } else if (isClosed(e)) {
      detail = "its connection pool has been closed (JdbcStores.close() was called).";
    } else {
      detail =
          "unexpected database error (SQLState "
              + (state.isEmpty() ? "none" : state)
              + ", "
              + e.getClass().getSimpleName()
              + ").";
    }
    return new ServiceUnavailableException(new AuthError.ServiceUnavailable(component, detail), e);
  }

  private String poolExhausted() {
    if (!ownPool) {
      return "no database connection became free in time: every connection of the application's"
          + " DataSource is in use. Raise that pool's size or connection timeout, or find the"
          + " slow queries holding connections.";
    }
    return "no database connection became free within auth.store.jdbc.connection-timeout="
        + human(connectionTimeout)
        + ": all auth.store.jdbc.pool-size="
        + poolSize
        + " connections are in use. Raise auth.store.jdbc.pool-size or"
        + " auth.store.jdbc.connection-timeout, or find the slow queries holding connections.";
  }

  private String unreachable(SQLException cause) {
    String state = state(cause);
    String why = firstLine(cause.getMessage());
    String settings =
        ownPool
            ? " Connections are awaited for auth.store.jdbc.connection-timeout="
                + human(connectionTimeout)
                + " by a pool of auth.store.jdbc.pool-size="
                + poolSize
                + ", which reconnects by itself once the database is back."
            : " Check the application's DataSource and its pool settings.";
    if (state.startsWith("28")) {
      return "the database at "
          + url
          + " refused the login ("
          + why
          + "): check auth.store.jdbc.username and auth.store.jdbc.password."
          + settings;
    }
    if (state.equals("3D000")) {
      return "the database named in "
          + url
          + " does not exist ("
          + why
          + "): create it, or"
          + " correct auth.store.jdbc.url."
          + settings;
    }
    if (state.equals("53300")) {
      return "the database at "
          + url
          + " has no connection slots left ("
          + why
          + "): lower auth.store.jdbc.pool-size across instances, or raise the database's"
          + " max_connections."
          + settings;
    }
    return "cannot connect to the database at "
        + url
        + " ("
        + why
        + "): check that it is running and reachable, and auth.store.jdbc.url."
        + settings;
  }

  /**
   * The failure to open or keep a connection in {@code e}'s chain, if there is one: the deepest,
   * which is the driver's own words rather than the pool's summary.
   */
  private static SQLException connectionFailure(SQLException e) {
    SQLException found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        String state = s.getSQLState();
        if (state.startsWith("08")
            || state.startsWith("28")
            || state.equals("3D000")
            || state.equals("53300")
            || state.equals("57P01")
            || state.equals("57P02")
            || state.equals("57P03")
            // H2: database not found, connection broken
            || state.equals("90146")
            || state.equals("90067")) {
          found = s;
        }
      }
      if (t instanceof ConnectException && found == null) {
        found = new SQLException(t.getMessage(), "08001", t);
      }
    }
    return found;
  }

  private static boolean isClosed(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("has been closed");
  }

  private static String state(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if (s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return "";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "no message";
    }
    int nl = message.indexOf('\n');
    return (nl < 0 ? message : message.substring(0, nl)).strip();
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
