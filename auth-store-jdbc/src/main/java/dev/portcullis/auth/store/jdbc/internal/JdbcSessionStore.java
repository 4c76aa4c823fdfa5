package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.SessionOfUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SessionStore} over {@code portcullis_sessions}. A refresh is one conditional {@code
 * UPDATE} on the presented token, so of concurrent refreshes with one token exactly one rotates, on
 * any number of instances; reuse is a second conditional {@code UPDATE} whose condition leaves out
 * a retry within the grace, so a retry never revokes and never changes the row. A rotation clamps
 * the next expiry to {@code absolute_expires_at} in the same statement. Thread-safe.
 */
public final class JdbcSessionStore implements SessionStore {
  static final String COMPONENT = "jdbc session store";
  private static final String INSERT_COLUMNS =
      "id, user_id, refresh_token_id, created_at, last_active_at, expires_at, client_address,"
          + " user_agent, revoked_at, credentials_version, client_id, scope, auth_time, amr,"
          + " absolute_expires_at, previous_refresh_token_id, rotated_at";
  // A row inserted by an instance still on schema version 5 has no auth_time: its login was then.
  private static final String COLUMNS =
      INSERT_COLUMNS.replace("auth_time", "COALESCE(auth_time, created_at) AS auth_time");
  private static final String ACTIVE =
      "revoked_at IS NULL AND expires_at > ? AND (absolute_expires_at IS NULL OR absolute_expires_at"
          + " > ?)";
  private static final int AMR_LENGTH = 1024;

  private final Database db;
  private final String insert;
  private final String find;
  private final String findWithUser;
  private final String rotate;
  private final String revokeOnReuse;
  private final String revokeOnReuseUnlessRetry;
  private final String listActive;
  private final String revoke;
  private final String setCredentialsVersion;
  private final String revokeAll;
  private final String revokeAllExcept;
  private final String purge;

  public JdbcSessionStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_sessions");
    this.insert =
        "INSERT INTO "
            + t
            + " ("
            + INSERT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.find = "SELECT " + COLUMNS + " FROM " + t + " WHERE id = ?";
    // One row per role of the user (one row with null user columns when the user is gone).
    this.findWithUser =
        "SELECT "
            + prefixed("s")
            + ", "
            + JdbcUserStore.USER_COLUMNS
            + " FROM "
            + t
            + " s LEFT JOIN "
            + db.tables().name("portcullis_users")
            + " u ON u.id = s.user_id LEFT JOIN "
            + db.tables().name("portcullis_user_roles")
            + " r ON r.user_id = u.id WHERE s.id = ?";
    this.rotate =
        "UPDATE "
            + t
            + " SET refresh_token_id = ?, previous_refresh_token_id = ?, rotated_at = ?,"
            + " last_active_at = ?, expires_at = CASE WHEN absolute_expires_at IS NOT NULL AND"
            + " absolute_expires_at < ? THEN absolute_expires_at ELSE ? END"
            + " WHERE id = ? AND refresh_token_id = ? AND "
            + ACTIVE;
    this.revokeOnReuse =
        "UPDATE " + t + " SET revoked_at = ? WHERE id = ? AND refresh_token_id <> ? AND " + ACTIVE;
    // Not a retry: the presented token is not the one rotated away last, or that was too long ago.
    this.revokeOnReuseUnlessRetry =
        revokeOnReuse
            + " AND (previous_refresh_token_id IS NULL OR previous_refresh_token_id <> ?"
            + " OR rotated_at IS NULL OR rotated_at <= ?)";
    this.listActive =
        "SELECT "
            + COLUMNS
            + " FROM "
            + t
            + " WHERE user_id = ? AND "
            + ACTIVE
            + " ORDER BY created_at DESC, id DESC";
    this.revoke = "UPDATE " + t + " SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";
    this.setCredentialsVersion =
        "UPDATE " + t + " SET credentials_version = ? WHERE id = ? AND revoked_at IS NULL";
    this.revokeAll = "UPDATE " + t + " SET revoked_at = ? WHERE user_id = ? AND " + ACTIVE;
    this.revokeAllExcept = revokeAll + " AND id <> ?";
    this.purge =
        "DELETE FROM " + t + " WHERE expires_at < ? OR revoked_at < ? OR absolute_expires_at < ?";
  }

  @Override
  public void create(Session session) {
    Objects.requireNonNull(session, "session");
    Args.text(session.id(), "id", 255);
    Args.text(session.userId(), "userId", 255);
    Args.text(session.refreshTokenId(), "refreshTokenId", 255);
    if (session.clientId() != null) {
      Args.text(session.clientId(), "clientId", 255);
    }
    if (session.previousRefreshTokenId() != null) {
      Args.text(session.previousRefreshTokenId(), "previousRefreshTokenId", 255);
    }
    String amr = String.join(" ", session.amr());
    if (amr.length() > AMR_LENGTH) {
      throw new IllegalArgumentException("amr must be at most " + AMR_LENGTH + " characters");
    }
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
                session.credentialsVersion(),
                Sql.text(session.clientId()),
                String.join(" ", session.scope()),
                session.authTime(),
                amr,
                Sql.nanos(session.absoluteExpiresAt()),
                Sql.text(session.previousRefreshTokenId()),
                Sql.nanos(session.rotatedAt())));
  }

  @Override
  public Optional<Session> find(String sessionId) {
    Args.text(sessionId, "sessionId", 255);
    return db.call(COMPONENT, c -> find(c, sessionId));
  }

  /**
   * One query joining the session, its user and the user's roles when {@code users} is the JDBC
   * user store of this database; otherwise the two reads of the default.
   */
  @Override
  public Optional<SessionOfUser> findWithUser(String sessionId, UserStore users) {
    Args.text(sessionId, "sessionId", 255);
    Objects.requireNonNull(users, "users");
    if (!(users instanceof JdbcUserStore jdbcUsers && jdbcUsers.sharesDatabase(db))) {
      return SessionStore.super.findWithUser(sessionId, users);
    }
    return db.call(
        COMPONENT,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(findWithUser)) {
            ps.setString(1, sessionId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              Session session = session(rs);
              StoredUser user = JdbcUserStore.userOrNull(rs);
              Set<String> roles = new HashSet<>();
              do {
                String role = JdbcUserStore.role(rs);
                if (role != null) {
                  roles.add(role);
                }
              } while (rs.next());
              return Optional.of(
                  new SessionOfUser(
                      session, user == null ? null : JdbcUserStore.withRoles(user, roles)));
            }
          }
        });
  }

  @Override
  public RefreshRotation rotateRefreshToken(
      String sessionId,
      String presentedTokenId,
      String nextTokenId,
      Instant now,
      Instant nextExpiresAt,
      Duration retryGrace) {
    Args.text(sessionId, "sessionId", 255);
    Args.text(presentedTokenId, "presentedTokenId", 255);
    Args.text(nextTokenId, "nextTokenId", 255);
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(nextExpiresAt, "nextExpiresAt");
    Objects.requireNonNull(retryGrace, "retryGrace");
    if (!nextExpiresAt.isAfter(now)) {
      throw new IllegalArgumentException("nextExpiresAt must be after now");
    }
    boolean grace = retryGrace.compareTo(Duration.ZERO) > 0;
    // A token rotated away at or before this is no longer retried.
    long retryCutoff = Instants.plus(Instants.toNanos(now), retryGrace.negated());
    return db.call(
        COMPONENT,
        c -> {
          // Each step is one atomic statement; a step that changes nothing tells the next why.
          for (int attempt = 0; attempt < 10; attempt++) {
            if (Sql.update(
                    c,
                    rotate,
                    nextTokenId,
                    presentedTokenId,
                    now,
                    now,
                    nextExpiresAt,
                    nextExpiresAt,
                    sessionId,
                    presentedTokenId,
                    now,
                    now)
                > 0) {
              return RefreshRotation.ROTATED;
            }
            int revoked =
                grace
                    ? Sql.update(
                        c,
                        revokeOnReuseUnlessRetry,
                        now,
                        sessionId,
                        presentedTokenId,
                        now,
                        now,
                        presentedTokenId,
                        retryCutoff)
                    : Sql.update(c, revokeOnReuse, now, sessionId, presentedTokenId, now, now);
            if (revoked > 0) {
              return RefreshRotation.REUSED;
            }
            Optional<Session> found = find(c, sessionId);
            if (found.isEmpty()) {
              return RefreshRotation.NOT_FOUND;
            }
            Session session = found.get();
            if (session.revokedAt() != null) {
              return RefreshRotation.REVOKED;
            } else if (!session.isActive(now)) {
              return RefreshRotation.EXPIRED;
            } else if (grace
                && presentedTokenId.equals(session.previousRefreshTokenId())
                && Instants.toNanos(session.rotatedAt()) > retryCutoff) {
              // What the reuse UPDATE left out, read in one statement: nothing changes.
              return RefreshRotation.RETRIED;
            }
            // Active with the presented token current again or no longer the previous one (a
            // concurrent change): try again.
          }
          throw new SQLException("refresh token rotation did not settle", "40001");
        });
  }

  @Override
  public List<Session> listActive(String userId, Instant now) {
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT, c -> Sql.query(c, listActive, JdbcSessionStore::session, userId, now, now));
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
                ? Sql.update(c, revokeAll, at, userId, at, at)
                : Sql.update(c, revokeAllExcept, at, userId, at, at, keepSessionId));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff, cutoff, cutoff));
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
        rs.getLong("credentials_version"),
        rs.getString("client_id"),
        Set.copyOf(words(rs.getString("scope"))),
        Sql.instant(rs, "auth_time"),
        words(rs.getString("amr")),
        Sql.instant(rs, "absolute_expires_at"),
        rs.getString("previous_refresh_token_id"),
        Sql.instant(rs, "rotated_at"));
  }

  /** The session columns of {@link #COLUMNS}, qualified by table alias {@code alias}. */
  private static String prefixed(String alias) {
    StringBuilder sb = new StringBuilder();
    for (String column : INSERT_COLUMNS.split(", ")) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(
          column.equals("auth_time")
              ? "COALESCE(" + alias + ".auth_time, " + alias + ".created_at) AS auth_time"
              : alias + "." + column);
    }
    return sb.toString();
  }

  /** The words of a space-joined column, in order; none for the empty string. */
  private static List<String> words(String joined) {
    return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
  }
}
