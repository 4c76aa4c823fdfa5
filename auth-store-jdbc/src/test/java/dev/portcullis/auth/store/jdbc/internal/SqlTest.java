package dev.portcullis.auth.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The statement helper every JDBC store goes through, on an in-memory H2 in PostgreSQL mode. */
final class SqlTest {
  private static final Instant AT = Instant.parse("2030-01-01T00:00:00.123456789Z");

  private Connection c;

  @BeforeEach
  void openTable() throws SQLException {
    c = DriverManager.getConnection("jdbc:h2:mem:sql_test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    Sql.update(
        c,
        "CREATE TABLE t (name VARCHAR(64) PRIMARY KEY, n INT, big BIGINT, flag BOOLEAN,"
            + " at_nanos BIGINT, note VARCHAR(64))");
  }

  @AfterEach
  void close() throws SQLException {
    Sql.update(c, "DROP TABLE t");
    c.close();
  }

  @Test
  void bindsEachArgumentByItsTypeAndInstantsAsNanos() throws SQLException {
    int inserted =
        Sql.update(c, "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", "a", 7, 8L, true, AT, "note");

    Row row = Sql.queryOne(c, "SELECT * FROM t WHERE name = ?", Row::of, "a").orElseThrow();

    assertThat(inserted).isEqualTo(1);
    assertThat(row).isEqualTo(new Row("a", 7, 8L, true, AT, "note"));
    assertThat(Sql.count(c, "SELECT at_nanos FROM t")).isEqualTo(Instants.toNanos(AT));
  }

  @Test
  void typedNullsBindAsSqlNull() throws SQLException {
    Sql.update(
        c,
        "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)",
        "a",
        1,
        2L,
        false,
        Sql.nanos(null),
        Sql.text(null));

    Row row = Sql.queryOne(c, "SELECT * FROM t", Row::of).orElseThrow();

    assertThat(row.at()).isNull();
    assertThat(row.note()).isNull();
    assertThat(
            Sql.query(c, "SELECT at_nanos FROM t", rs -> String.valueOf(Sql.nullableLong(rs, 1))))
        .containsExactly("null");
  }

  @Test
  void aBareNullIsRefusedBeforeAnythingRuns() throws SQLException {
    assertThatThrownBy(
            () -> Sql.update(c, "INSERT INTO t (name, note) VALUES (?, ?)", "a", (Object) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameter 2")
        .hasMessageContaining("Sql.text or Sql.nanos");
    assertThat(Sql.count(c, "SELECT COUNT(*) FROM t")).isZero();
  }

  @Test
  void queryMapsEveryRowInOrderAndQueryOneTheFirstOrNone() throws SQLException {
    Sql.batch(
        c,
        "INSERT INTO t (name, n) VALUES (?, ?)",
        List.of(new Object[] {"b", 2}, new Object[] {"a", 1}, new Object[] {"c", 3}));

    assertThat(Sql.query(c, "SELECT name FROM t ORDER BY n", rs -> rs.getString(1)))
        .containsExactly("a", "b", "c");
    assertThat(
            Sql.queryOne(c, "SELECT name FROM t WHERE n > ? ORDER BY n", rs -> rs.getString(1), 1))
        .contains("b");
    assertThat(Sql.queryOne(c, "SELECT name FROM t WHERE n > ?", rs -> rs.getString(1), 9))
        .isEmpty();
    assertThat(Sql.exists(c, "SELECT 1 FROM t WHERE name = ?", "c")).isTrue();
    assertThat(Sql.exists(c, "SELECT 1 FROM t WHERE name = ?", "z")).isFalse();
    assertThat(Sql.count(c, "SELECT COUNT(*) FROM t WHERE n >= ?", 2)).isEqualTo(2);
  }

  @Test
  void anEmptyBatchRunsNothing() throws SQLException {
    Sql.batch(c, "INSERT INTO no_such_table VALUES (?)", List.of());

    assertThat(Sql.count(c, "SELECT COUNT(*) FROM t")).isZero();
  }

  private record Row(String name, int n, long big, boolean flag, Instant at, String note) {
    static Row of(java.sql.ResultSet rs) throws SQLException {
      return new Row(
          rs.getString("name"),
          rs.getInt("n"),
          rs.getLong("big"),
          rs.getBoolean("flag"),
          Sql.instant(rs, "at_nanos"),
          rs.getString("note"));
    }
  }
}
