package dev.portcullis.auth.store.jdbc.internal;

import static dev.portcullis.auth.store.jdbc.internal.Rows.bindInstant;
import static dev.portcullis.auth.store.jdbc.internal.Rows.instant;

import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.store.ResetTokenStore;
import java.sql.PreparedStatement;
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
        c -> {
          try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, token.tokenHash());
            ps.setString(2, token.userId());
            bindInstant(ps, 3, token.createdAt());
            bindInstant(ps, 4, token.expiresAt());
            ps.setLong(5, token.credentialsVersion());
            ps.executeUpdate();
            return null;
          } catch (SQLException e) {
            if (SqlFailures.uniqueViolation(e)) {
              throw new IllegalArgumentException("this reset token hash is already stored");
            }
            throw e;
          }
        });
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
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tokenHash);
            bindInstant(ps, 2, now);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new ResetToken(
                      rs.getString("token_hash"),
                      rs.getString("user_id"),
                      instant(rs, "created_at"),
                      instant(rs, "expires_at"),
                      rs.getLong("credentials_version")));
            }
          }
        });
  }

  @Override
  public int deleteForUser(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(deleteForUser)) {
            ps.setString(1, userId);
            return ps.executeUpdate();
          }
        });
  }

  /** How many tokens the table holds. */
  public long storedTokens() {
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(count);
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
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
}
