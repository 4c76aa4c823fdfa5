package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.store.ResetTokenStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ResetTokenStore} over {@code portcullis_reset_tokens}. Consuming is one {@code DELETE ...
 * RETURNING}: of concurrent consumers of one hash, on any number of instances, only the one whose
 * statement deleted the row gets the token. Thread-safe.
 */
public final class JdbcResetTokenStore implements ResetTokenStore {
  static final String COMPONENT = "jdbc reset token store";

  private final Database db;
  private final String insert;
  private final String find;
  private final String consume;
  private final String deleteForUser;
  private final String purge;
  private final String count;

  public JdbcResetTokenStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_reset_tokens");
    this.insert =
        "INSERT INTO "
            + t
            + " (token_hash, user_id, created_at, expires_at, credentials_version)"
            + " VALUES (?, ?, ?, ?, ?)";
    String columns = "token_hash, user_id, created_at, expires_at, credentials_version";
    this.find = "SELECT " + columns + " FROM " + t + " WHERE token_hash = ? AND expires_at > ?";
    this.consume =
        db.dialect()
            .deleteReturning(
                "DELETE FROM " + t + " WHERE token_hash = ? AND expires_at > ?", columns);
    this.deleteForUser = "DELETE FROM " + t + " WHERE user_id = ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ?";
    this.count = "SELECT COUNT(*) FROM " + t;
  }

  @Override
  public void save(ResetToken token) {
    Objects.requireNonNull(token, "token");
    Args.text(token.userId(), "userId", 255);
    db.call(
        COMPONENT,
        c ->
            Sql.insertNew(
                c,
                insert,
                "this reset token hash is already stored",
                token.tokenHash(),
                token.userId(),
                Sql.nanos(token.createdAt()),
                Sql.nanos(token.expiresAt()),
                token.credentialsVersion()));
  }

  @Override
  public Optional<ResetToken> find(String tokenHash, Instant now) {
    return first(find, tokenHash, now);
  }

  @Override
  public Optional<ResetToken> consume(String tokenHash, Instant now) {
    return first(consume, tokenHash, now);
  }

  /** The token a statement over (hash, now) returns, if any. */
  private Optional<ResetToken> first(String sql, String tokenHash, Instant now) {
    Args.text(tokenHash, "tokenHash", 64);
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT, c -> Sql.queryOne(c, sql, JdbcResetTokenStore::token, tokenHash, now));
  }

  @Override
  public int deleteForUser(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, deleteForUser, userId));
  }

  /** How many tokens the table holds. */
  public long storedTokens() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  private static ResetToken token(ResultSet rs) throws SQLException {
    return new ResetToken(
        rs.getString("token_hash"),
        rs.getString("user_id"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"),
        rs.getLong("credentials_version"));
  }
}
