package dev.portcullis.auth.store.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
