package dev.portcullis.auth.store.jdbc.internal;

import static dev.portcullis.auth.store.jdbc.internal.Rows.bindInstant;
import static dev.portcullis.auth.store.jdbc.internal.Rows.bindText;
import static dev.portcullis.auth.store.jdbc.internal.Rows.instant;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    Objects.requireNonNull(record, "record");
    Args.text(record.type(), "type", 64);
    if (record.userId() != null) {
      Args.text(record.userId(), "userId", 255);
    }
    db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, record.type());
            bindInstant(ps, 2, record.at());
            bindText(ps, 3, record.userId());
            bindText(ps, 4, record.identifier());
            bindText(ps, 5, record.clientAddress());
            bindText(ps, 6, record.detail());
            ps.executeUpdate();
            return null;
          }
        });
  }

  @Override
  public List<AuditRecord> findByUser(String userId, int limit) {
    Args.text(userId, "userId", 255);
    Args.limit(limit);
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(byUser)) {
            ps.setString(1, userId);
            ps.setInt(2, limit);
            return read(ps);
          }
        });
  }

  @Override
  public List<AuditRecord> recent(int limit) {
    Args.limit(limit);
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(recent)) {
            ps.setInt(1, limit);
            return read(ps);
          }
        });
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(purge)) {
            bindInstant(ps, 1, cutoff);
            return ps.executeUpdate();
          }
        });
  }

  private static List<AuditRecord> read(PreparedStatement ps) throws java.sql.SQLException {
    List<AuditRecord> records = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        records.add(
            new AuditRecord(
                rs.getString("type"),
                instant(rs, "occurred_at"),
                rs.getString("user_id"),
                rs.getString("identifier"),
                rs.getString("client_address"),
                rs.getString("detail")));
      }
    }
    return records;
  }
}
