package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.store.FactorStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link FactorStore} over {@code portcullis_mfa_factors}. {@link #useStep} is one conditional
 * {@code UPDATE ... WHERE last_used_step < ?}; {@link #savePending} replaces a pending row and
 * keeps an active one in one transaction that locks the user's row; of two concurrent first
 * enrolments (no row to lock yet), the unique key lets one insert and the other answers {@code
 * false}, storing nothing. Thread-safe.
 */
public final class JdbcFactorStore implements FactorStore {
  static final String COMPONENT = "jdbc factor store";
  private static final String COLUMNS =
      "id, user_id, factor_type, secret, created_at, activated_at, last_used_step";

  private final Database db;
  private final String insert;
  private final String lockOne;
  private final String deletePending;
  private final String findOne;
  private final String list;
  private final String activate;
  private final String useStep;
  private final String replaceSecret;
  private final String deleteOne;
  private final String deleteAll;

  public JdbcFactorStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_mfa_factors");
    this.insert = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, -1)";
    this.lockOne =
        "SELECT " + COLUMNS + " FROM " + t + " WHERE user_id = ? AND factor_type = ? FOR UPDATE";
    this.deletePending =
        "DELETE FROM " + t + " WHERE user_id = ? AND factor_type = ? AND activated_at IS NULL";
    this.findOne = "SELECT " + COLUMNS + " FROM " + t + " WHERE user_id = ? AND factor_type = ?";
    this.list = "SELECT " + COLUMNS + " FROM " + t + " WHERE user_id = ? ORDER BY created_at, id";
    this.activate =
        "UPDATE "
            + t
            + " SET activated_at = ?, last_used_step = ? WHERE id = ? AND activated_at IS NULL";
    this.useStep =
        "UPDATE "
            + t
            + " SET last_used_step = ? WHERE id = ? AND activated_at IS NOT NULL"
            + " AND last_used_step < ?";
    this.replaceSecret = "UPDATE " + t + " SET secret = ? WHERE id = ? AND secret = ?";
    this.deleteOne = "DELETE FROM " + t + " WHERE user_id = ? AND factor_type = ?";
    this.deleteAll = "DELETE FROM " + t + " WHERE user_id = ?";
  }

  @Override
  public boolean savePending(FactorCredential c) {
    Objects.requireNonNull(c, "credential");
    if (c.active()) {
      throw new IllegalArgumentException("a new credential must be pending");
    }
    Args.text(c.id(), "id", 64);
    Args.text(c.userId(), "userId", 255);
    Args.text(c.type(), "type", 32);
    Args.text(c.secret(), "secret", 1024);
    try {
      return db.transaction(
          COMPONENT,
          conn -> {
            Optional<FactorCredential> old =
                Sql.queryOne(conn, lockOne, JdbcFactorStore::row, c.userId(), c.type());
            if (old.isPresent() && old.get().active()) {
              return false;
            }
            Sql.update(conn, deletePending, c.userId(), c.type());
            try {
              Sql.update(conn, insert, c.id(), c.userId(), c.type(), c.secret(), c.createdAt());
            } catch (SQLException e) {
              if (SqlFailures.uniqueViolation(e)) {
                // A first enrolment of the same user and type committed its row after our
                // SELECT saw none (there was no row to lock): it wins, this one stores nothing.
                throw new LostRace();
              }
              throw e;
            }
            return true;
          });
    } catch (LostRace lost) {
      return false;
    }
  }

  /** Rolls back the transaction of an enrolment whose row a concurrent one inserted first. */
  private static final class LostRace extends RuntimeException {
    LostRace() {
      super(null, null, false, false);
    }
  }

  @Override
  public Optional<FactorCredential> find(String userId, String type) {
    Args.text(userId, "userId", 255);
    Args.text(type, "type", 32);
    return db.call(COMPONENT, c -> Sql.queryOne(c, findOne, JdbcFactorStore::row, userId, type));
  }

  @Override
  public List<FactorCredential> list(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.query(c, list, JdbcFactorStore::row, userId));
  }

  @Override
  public boolean activate(String credentialId, long step, Instant at) {
    Args.text(credentialId, "credentialId", 64);
    Objects.requireNonNull(at, "at");
    return db.call(COMPONENT, c -> Sql.update(c, activate, at, step, credentialId) == 1);
  }

  @Override
  public boolean useStep(String credentialId, long step) {
    Args.text(credentialId, "credentialId", 64);
    return db.call(COMPONENT, c -> Sql.update(c, useStep, step, credentialId, step) == 1);
  }

  @Override
  public boolean replaceSecret(String credentialId, String expected, String replacement) {
    Args.text(credentialId, "credentialId", 64);
    Objects.requireNonNull(expected, "expected");
    Args.text(replacement, "replacement", 1024);
    return db.call(
        COMPONENT, c -> Sql.update(c, replaceSecret, replacement, credentialId, expected) == 1);
  }

  @Override
  public boolean delete(String userId, String type) {
    Args.text(userId, "userId", 255);
    Args.text(type, "type", 32);
    return db.call(COMPONENT, c -> Sql.update(c, deleteOne, userId, type) > 0);
  }

  @Override
  public int deleteAll(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, deleteAll, userId));
  }

  private static FactorCredential row(ResultSet rs) throws SQLException {
    return new FactorCredential(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("factor_type"),
        rs.getString("secret"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "activated_at"),
        rs.getLong("last_used_step"));
  }
}
