package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link AuditStore} over {@code portcullis_audit}, append-only. Thread-safe. */
public final class JdbcAuditStore implements AuditStore {
  static final String COMPONENT = "jdbc audit store";
  private static final String COLUMNS =
      "type, occurred_at, user_id, identifier, client_address, detail";

  private final Database db;
  private final String insert;
  private final String byUser;
  private final String recent;
  private final String purge;

  public JdbcAuditStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_audit");
    this.insert = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
    this.byUser =
        "SELECT "
            + COLUMNS
            + " FROM "
            + t
            + " WHERE user_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?";
    this.recent =
        "SELECT " + COLUMNS + " FROM " + t + " ORDER BY occurred_at DESC, id DESC LIMIT ?";
    this.purge = "DELETE FROM " + t + " WHERE occurred_at < ?";
  }

  @Override
  public void append(AuditRecord record) {
    Object[] args = args(record);
    db.call(COMPONENT, c -> Sql.update(c, insert, args));
  }

  /** One JDBC batch in one transaction: all records or none. */
  @Override
  public void appendAll(List<AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>(records.size());
    for (AuditRecord record : records) {
      rows.add(args(record));
    }
    db.transaction(
        COMPONENT,
        c -> {
          Sql.batch(c, insert, rows);
          return null;
        });
  }

  private static Object[] args(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    Args.text(record.type(), "type", 64);
    if (record.userId() != null) {
      Args.text(record.userId(), "userId", 255);
    }
    return new Object[] {
      record.type(),
      Sql.nanos(record.at()),
      Sql.text(record.userId()),
      Sql.text(record.identifier()),
      Sql.text(record.clientAddress()),
      Sql.text(record.detail())
    };
  }

  @Override
  public List<AuditRecord> findByUser(String userId, int limit) {
    Args.text(userId, "userId", 255);
    Args.limit(limit);
    return db.call(COMPONENT, c -> Sql.query(c, byUser, JdbcAuditStore::record, userId, limit));
  }

  @Override
  public List<AuditRecord> recent(int limit) {
    Args.limit(limit);
    return db.call(COMPONENT, c -> Sql.query(c, recent, JdbcAuditStore::record, limit));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  private static AuditRecord record(ResultSet rs) throws SQLException {
    return new AuditRecord(
        rs.getString("type"),
        Sql.instant(rs, "occurred_at"),
        rs.getString("user_id"),
        rs.getString("identifier"),
        rs.getString("client_address"),
        rs.getString("detail"));
  }
}
