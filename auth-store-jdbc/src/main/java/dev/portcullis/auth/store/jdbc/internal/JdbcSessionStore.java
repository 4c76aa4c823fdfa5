package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.store.SessionStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link SessionStore} over {@code portcullis_sessions}. A refresh is one conditional {@code
 * UPDATE} on the presented token, so of concurrent refreshes with one token exactly one rotates, on
 * any number of instances. Thread-safe.
 */
public final class JdbcSessionStore implements SessionStore {
  static final String COMPONENT = "jdbc session store";
  private static final String COLUMNS =
      "id, user_id, refresh_token_id, created_at, last_active_at, expires_at, client_address,"
          + " user_agent, revoked_at, credentials_version";

  private final Database db;
  private final String insert;
  private final String find;
  private final String rotate;
  private final String revokeOnReuse;
  private final String listActive;
  private final String revoke;
  private final String setCredentialsVersion;
  private final String revokeAll;
  private final String revokeAllExcept;
  private final String purge;

  public JdbcSessionStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_sessions");
    this.insert = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.find = "SELECT " + COLUMNS + " FROM " + t + " WHERE id = ?";
    this.rotate =
        "UPDATE "
            + t
            + " SET refresh_token_id = ?, last_active_at = ?, expires_at = ?"
            + " WHERE id = ? AND refresh_token_id = ? AND revoked_at IS NULL AND expires_at > ?";
    this.revokeOnReuse =
        "UPDATE "
            + t
            + " SET revoked_at = ?"
            + " WHERE id = ? AND refresh_token_id <> ? AND revoked_at IS NULL AND expires_at > ?";
    this.listActive =
        "SELECT "
            + COLUMNS
            + " FROM "
            + t
            + " WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?"
            + " ORDER BY created_at DESC, id DESC";
    this.revoke = "UPDATE " + t + " SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    this.setCredentialsVersion =
        "UPDATE " + t + " SET credentials_version = ? WHERE id = ? AND revoked_at IS NULL";
    this.revokeAll =
        "UPDATE "
            + t
            + " SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ?";
    this.revokeAllExcept = revokeAll + " AND id <> ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ? OR revoked_at < ?";
  }

  @Override
  public void create(Session session) {
    Objects.requireNonNull(session, "session");
    Args.text(session.id(), "id", 255);
    Args.text(session.userId(), "userId", 255);
    Args.text(session.refreshTokenId(), "refreshTokenId", 255);
    db.call(
        COMPONENT,
        c ->
            Sql.insertNew(
                c,
                insert,
                "a session with id " + session.id() + " exists",
                session.id(),
                session.userId(),
                session.refreshTokenId(),
                Sql.nanos(session.createdAt()),
                Sql.nanos(session.lastActiveAt()),
                Sql.nanos(session.expiresAt()),
                Sql.text(session.clientAddress()),
                Sql.text(session.userAgent()),
                Sql.nanos(session.revokedAt()),
                session.credentialsVersion()));
  }

  @Override
  public Optional<Session> find(String sessionId) {
    Args.text(sessionId, "sessionId", 255);
    return db.call(COMPONENT, c -> find(c, sessionId));
  }

  @Override
  public RefreshRotation rotateRefreshToken(
      String sessionId,
      String presentedTokenId,
      String nextTokenId,
      Instant now,
      Instant nextExpiresAt) {
    Args.text(sessionId, "sessionId", 255);
    Args.text(presentedTokenId, "presentedTokenId", 255);
    Args.text(nextTokenId, "nextTokenId", 255);
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(nextExpiresAt, "nextExpiresAt");
    if (!nextExpiresAt.isAfter(now)) {
      throw new IllegalArgumentException("nextExpiresAt must be after now");
    }
    return db.call(
        COMPONENT,
        c -> {
          // Each step is one atomic statement; a step that changes nothing tells the next why.
          for (int attempt = 0; attempt < 10; attempt++) {
            if (Sql.update(
                    c, rotate, nextTokenId, now, nextExpiresAt, sessionId, presentedTokenId, now)
                > 0) {
              return RefreshRotation.ROTATED;
            }
            if (Sql.update(c, revokeOnReuse, now, sessionId, presentedTokenId, now) > 0) {
              return RefreshRotation.REUSED;
            }
            Optional<Session> session = find(c, sessionId);
            if (session.isEmpty()) {
              return RefreshRotation.NOT_FOUND;
            } else if (session.get().revokedAt() != null) {
              return RefreshRotation.REVOKED;
            } else if (!session.get().isActive(now)) {
              return RefreshRotation.EXPIRED;
            }
            // Active again with the presented token current (a concurrent change): try again.
          }
          throw new SQLException("refresh token rotation did not settle", "40001");
        });
  }

  @Override
  public List<Session> listActive(String userId, Instant now) {
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT, c -> Sql.query(c, listActive, JdbcSessionStore::session, userId, now));
  }

  @Override
  public boolean revoke(String sessionId, Instant at) {
    Args.text(sessionId, "sessionId", 255);
    Objects.requireNonNull(at, "at");
    return db.call(COMPONENT, c -> Sql.update(c, revoke, at, sessionId) > 0);
  }

  @Override
  public int revokeAllForUser(String userId, Instant at, String keepSessionId) {
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(at, "at");
    return db.call(
        COMPONENT,
        c ->
            keepSessionId == null
                ? Sql.update(c, revokeAll, at, userId, at)
                : Sql.update(c, revokeAllExcept, at, userId, at, keepSessionId));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff, cutoff));
  }

  @Override
  public boolean setCredentialsVersion(String sessionId, long credentialsVersion) {
    Args.text(sessionId, "sessionId", 255);
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
    return db.call(
        COMPONENT, c -> Sql.update(c, setCredentialsVersion, credentialsVersion, sessionId) > 0);
  }

  private Optional<Session> find(Connection c, String sessionId) throws SQLException {
    return Sql.queryOne(c, find, JdbcSessionStore::session, sessionId);
  }

  private static Session session(ResultSet rs) throws SQLException {
    return new Session(
        rs.getString("id"),
        rs.getString("user_id"),
        rs.getString("refresh_token_id"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_active_at"),
        Sql.instant(rs, "expires_at"),
        rs.getString("client_address"),
        rs.getString("user_agent"),
        Sql.instant(rs, "revoked_at"),
        rs.getLong("credentials_version"));
  }
}
