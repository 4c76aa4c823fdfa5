package dev.portcullis.auth.store.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/** Binding and reading the column types the tables use. */
final class Rows {
  private Rows() {}

  static void bindInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, Instants.toNanos(instant));
    }
  }

  static void bindText(PreparedStatement ps, int index, String text) throws SQLException {
    if (text == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, text);
    }
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    long nanos = rs.getLong(column);
    return rs.wasNull() ? null : Instants.fromNanos(nanos);
  }
}
