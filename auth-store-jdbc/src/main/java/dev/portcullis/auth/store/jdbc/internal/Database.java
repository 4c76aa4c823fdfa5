package dev.portcullis.auth.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs store work on a connection of the pool, in autocommit or in one transaction, retries it on
 * deadlocks and serialization failures, and translates every other failure (see {@link
 * SqlFailures}). Thread-safe.
 */
public final class Database {
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final Dialect dialect;
  private final Tables tables;
  private final SqlFailures failures;

  public Database(DataSource dataSource, Dialect dialect, Tables tables, SqlFailures failures) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.tables = tables;
    this.failures = failures;
  }

  public Dialect dialect() {
    return dialect;
  }

  public Tables tables() {
    return tables;
  }

  public SqlFailures failures() {
    return failures;
  }

  /** Runs {@code work} in autocommit mode: each statement is atomic on its own. */
  public <T> T call(String component, SqlWork<T> work) {
    return run(component, false, work);
  }

  /** Runs {@code work} in one transaction, committed if it returns and rolled back if it throws. */
  public <T> T transaction(String component, SqlWork<T> work) {
    return run(component, true, work);
  }

  private <T> T run(String component, boolean transaction, SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        return transaction ? inTransaction(c, work) : work.run(c);
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && SqlFailures.retryable(e)) {
          continue;
        }
        throw failures.translate(component, e);
      }
    }
  }

  private static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(autoCommit);
      } catch (SQLException ignored) {
        // The pool resets or evicts a connection it cannot restore.
      }
    }
  }
}
