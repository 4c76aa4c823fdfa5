package dev.portcullis.auth.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prepare, bind, execute and map loop of every store statement, on a connection the caller got
 * from {@link Database}. Arguments bind by type: {@link String}, {@link Long}, {@link Integer},
 * {@link Boolean}, and {@link Instant} as the tables store it (nanoseconds, see {@link Instants}).
 * A value that may be null goes through {@link #text} or {@link #nanos}, so its SQL type is known;
 * a bare null is a bug and refused.
 */
final class Sql {
  private Sql() {}

  /** Reads one row into a value, never null; it must not move the cursor. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** A null of a known SQL type. */
  private record Null(int sqlType) {}

  private static final Null NULL_TEXT = new Null(Types.VARCHAR);
  private static final Null NULL_NANOS = new Null(Types.BIGINT);

  /** A text argument that may be null. */
  static Object text(String value) {
    return value == null ? NULL_TEXT : value;
  }

  /** An instant argument that may be null. */
  static Object nanos(Instant value) {
    return value == null ? NULL_NANOS : value;
  }

  /** Runs an {@code INSERT}, {@code UPDATE} or {@code DELETE}; returns how many rows it changed. */
  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /**
   * Runs one {@code INSERT} of something that must be new: a unique-key violation is the caller's
   * mistake (an id or hash reused), answered with {@code IllegalArgumentException(duplicate)}.
   */
  static int insertNew(Connection c, String sql, String duplicate, Object... args)
      throws SQLException {
    try {
      return update(c, sql, args);
    } catch (SQLException e) {
      if (SqlFailures.uniqueViolation(e)) {
        throw new IllegalArgumentException(duplicate);
      }
      throw e;
    }
  }

  /** Runs one statement once per argument list, as one JDBC batch. */
  static void batch(Connection c, String sql, List<Object[]> argLists) throws SQLException {
    if (argLists.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] args : argLists) {
        bind(ps, args);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Every row of a query, mapped, in the order the database returns them. */
  static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    }
  }

  /** The first row of a query, mapped, or empty when there is none. */
  static <T> Optional<T> queryOne(Connection c, String sql, RowMapper<T> mapper, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
      }
    }
  }

  /** The first column of the one row of an aggregate query, such as {@code COUNT(*)}. */
  static long count(Connection c, String sql, Object... args) throws SQLException {
    return queryOne(c, sql, rs -> rs.getLong(1), args)
        .orElseThrow(() -> new SQLException("an aggregate query returned no row"));
  }

  /** Whether a query returns any row. */
  static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    return queryOne(c, sql, rs -> Boolean.TRUE, args).isPresent();
  }

  /** The instant in {@code column}, or null when it is SQL NULL. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    long nanos = rs.getLong(column);
    return rs.wasNull() ? null : Instants.fromNanos(nanos);
  }

  /** The long in {@code column}, or null when it is SQL NULL. */
  static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      int index = i + 1;
      Object arg = args[i];
      if (arg instanceof String s) {
        ps.setString(index, s);
      } else if (arg instanceof Long l) {
        ps.setLong(index, l);
      } else if (arg instanceof Integer n) {
        ps.setInt(index, n);
      } else if (arg instanceof Boolean b) {
        ps.setBoolean(index, b);
      } else if (arg instanceof Instant instant) {
        ps.setLong(index, Instants.toNanos(instant));
      } else if (arg instanceof Null n) {
        ps.setNull(index, n.sqlType());
      } else {
        throw new IllegalArgumentException(
            "cannot bind parameter "
                + index
                + " of type "
                + (arg == null ? "null (use Sql.text or Sql.nanos)" : arg.getClass().getName()));
      }
    }
  }
}
