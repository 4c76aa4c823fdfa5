package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.RecoveryCode;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link RecoveryCodeStore} over {@code portcullis_mfa_recovery_codes}: a regeneration deletes and
 * inserts in one transaction; a use is one {@code DELETE}. Thread-safe.
 */
public final class JdbcRecoveryCodeStore implements RecoveryCodeStore {
  static final String COMPONENT = "jdbc recovery code store";

  private final Database db;
  private final String insert;
  private final String findOne;
  private final String deleteOne;
  private final String count;
  private final String deleteAll;

  public JdbcRecoveryCodeStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_mfa_recovery_codes");
    this.insert = "INSERT INTO " + t + " (user_id, lookup_id, code_hash) VALUES (?, ?, ?)";
    this.findOne =
        "SELECT user_id, lookup_id, code_hash FROM " + t + " WHERE user_id = ? AND lookup_id = ?";
    this.deleteOne = "DELETE FROM " + t + " WHERE user_id = ? AND lookup_id = ?";
    this.count = "SELECT COUNT(*) FROM " + t + " WHERE user_id = ?";
    this.deleteAll = "DELETE FROM " + t + " WHERE user_id = ?";
  }

  @Override
  public void replaceAll(String userId, List<RecoveryCode> codes) {
    Args.text(userId, "userId", 255);
    List<Object[]> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (RecoveryCode c : codes) {
      if (!c.userId().equals(userId)) {
        throw new IllegalArgumentException("a recovery code belongs to another user");
      }
      if (!seen.add(Args.text(c.lookupId(), "lookupId", 16))) {
        throw new IllegalArgumentException("two recovery codes share a lookup id");
      }
      rows.add(new Object[] {userId, c.lookupId(), Args.text(c.hash(), "hash", 1024)});
    }
    db.transaction(
        COMPONENT,
        conn -> {
          Sql.update(conn, deleteAll, userId);
          Sql.batch(conn, insert, rows);
          return null;
        });
  }

  @Override
  public Optional<RecoveryCode> find(String userId, String lookupId) {
    Args.text(userId, "userId", 255);
    Args.text(lookupId, "lookupId", 16);
    return db.call(
        COMPONENT,
        c ->
            Sql.queryOne(
                c,
                findOne,
                rs ->
                    new RecoveryCode(
                        rs.getString("user_id"),
                        rs.getString("lookup_id"),
                        rs.getString("code_hash")),
                userId,
                lookupId));
  }

  @Override
  public boolean consume(String userId, String lookupId) {
    Args.text(userId, "userId", 255);
    Args.text(lookupId, "lookupId", 16);
    return db.call(COMPONENT, c -> Sql.update(c, deleteOne, userId, lookupId) == 1);
  }

  @Override
  public int remaining(String userId) {
    Args.text(userId, "userId", 255);
    return (int) (long) db.call(COMPONENT, c -> Sql.count(c, count, userId));
  }

  @Override
  public int deleteAll(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, deleteAll, userId));
  }
}
