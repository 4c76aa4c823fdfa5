package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link MfaChallengeStore} over {@code portcullis_mfa_challenges}: a failure is one conditional
 * {@code UPDATE} (then a {@code DELETE} at the limit, in the same transaction), completion one
 * conditional {@code DELETE}. Thread-safe.
 */
public final class JdbcMfaChallengeStore implements MfaChallengeStore {
  static final String COMPONENT = "jdbc MFA challenge store";
  private static final String COLUMNS =
      "token_hash, user_id, credentials_version, authenticated_at, client_address, user_agent,"
          + " expires_at, failures";

  private final Database db;
  private final String insert;
  private final String findLive;
  private final String countFailure;
  private final String failures;
  private final String deleteOne;
  private final String complete;
  private final String deleteAll;
  private final String purge;

  public JdbcMfaChallengeStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_mfa_challenges");
    this.insert = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, 0)";
    this.findLive = "SELECT " + COLUMNS + " FROM " + t + " WHERE token_hash = ? AND expires_at > ?";
    this.countFailure =
        "UPDATE " + t + " SET failures = failures + 1 WHERE token_hash = ? AND expires_at > ?";
    this.failures = "SELECT failures FROM " + t + " WHERE token_hash = ?";
    this.deleteOne = "DELETE FROM " + t + " WHERE token_hash = ?";
    this.complete = "DELETE FROM " + t + " WHERE token_hash = ? AND expires_at > ?";
    this.deleteAll = "DELETE FROM " + t + " WHERE user_id = ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ?";
  }

  @Override
  public void create(MfaChallenge c) {
    Objects.requireNonNull(c, "challenge");
    Args.text(c.tokenHash(), "tokenHash", 64);
    Args.text(c.userId(), "userId", 255);
    db.call(
        COMPONENT,
        conn ->
            Sql.insertNew(
                conn,
                insert,
                "a challenge with this token hash exists",
                c.tokenHash(),
                c.userId(),
                c.credentialsVersion(),
                c.authenticatedAt(),
                Sql.text(c.clientAddress()),
                Sql.text(c.userAgent()),
                c.expiresAt()));
  }

  @Override
  public Optional<MfaChallenge> find(String tokenHash, Instant now) {
    Args.text(tokenHash, "tokenHash", 64);
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT, c -> Sql.queryOne(c, findLive, JdbcMfaChallengeStore::row, tokenHash, now));
  }

  @Override
  public int recordFailure(String tokenHash, int maxFailures, Instant now) {
    Args.text(tokenHash, "tokenHash", 64);
    Objects.requireNonNull(now, "now");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    return db.transaction(
        COMPONENT,
        c -> {
          // The UPDATE locks the row until commit, so the count read next is this caller's.
          if (Sql.update(c, countFailure, tokenHash, now) != 1) {
            return -1;
          }
          int counted = (int) Sql.count(c, failures, tokenHash);
          if (counted >= maxFailures) {
            Sql.update(c, deleteOne, tokenHash);
          }
          return counted;
        });
  }

  @Override
  public boolean complete(String tokenHash, Instant now) {
    Args.text(tokenHash, "tokenHash", 64);
    Objects.requireNonNull(now, "now");
    return db.call(COMPONENT, c -> Sql.update(c, complete, tokenHash, now) == 1);
  }

  @Override
  public int deleteAll(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, deleteAll, userId));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  private static MfaChallenge row(ResultSet rs) throws SQLException {
    return new MfaChallenge(
        rs.getString("token_hash"),
        rs.getString("user_id"),
        rs.getLong("credentials_version"),
        Sql.instant(rs, "authenticated_at"),
        rs.getString("client_address"),
        rs.getString("user_agent"),
        Sql.instant(rs, "expires_at"),
        rs.getInt("failures"));
  }
}
