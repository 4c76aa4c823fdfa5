package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.TokenBlacklist;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TokenBlacklist} over {@code portcullis_revoked_tokens}, {@code
 * portcullis_revoked_sessions} and {@code portcullis_revoked_users}. A revocation is {@code INSERT
 * ... ON CONFLICT DO NOTHING}, else one {@code UPDATE} that only ever widens it ({@code GREATEST}
 * and {@code LEAST}), so concurrent revocations commute; {@link #check} is one query over the three
 * tables. Thread-safe.
 */
public final class JdbcTokenBlacklist implements TokenBlacklist {
  static final String COMPONENT = "jdbc token blacklist";

  private final Database db;
  private final Clock clock;
  private final String count;
  private final String insertToken;
  private final String widenToken;
  private final String insertSession;
  private final String widenSession;
  private final String insertUser;
  private final String widenUser;
  private final String check;
  private final String checkWithoutSession;
  private final String[] purge;

  public JdbcTokenBlacklist(Database db, Clock clock) {
    this.db = db;
    this.clock = Objects.requireNonNull(clock, "clock");
    String tokens = db.tables().name("portcullis_revoked_tokens");
    String sessions = db.tables().name("portcullis_revoked_sessions");
    String users = db.tables().name("portcullis_revoked_users");
    this.insertToken =
        "INSERT INTO "
            + tokens
            + " (issuer, token_id, revoked_at, expires_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    this.widenToken =
        "UPDATE "
            + tokens
            + " SET revoked_at = LEAST(revoked_at, ?), expires_at = GREATEST(expires_at, ?)"
            + " WHERE issuer = ? AND token_id = ?";
    this.insertSession =
        "INSERT INTO "
            + sessions
            + " (session_id, revoked_at, keep_until) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    this.widenSession =
        "UPDATE "
            + sessions
            + " SET revoked_at = LEAST(revoked_at, ?), keep_until = GREATEST(keep_until, ?)"
            + " WHERE session_id = ?";
    this.insertUser =
        "INSERT INTO "
            + users
            + " (user_id, not_before, keep_until) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    this.widenUser =
        "UPDATE "
            + users
            + " SET not_before = GREATEST(not_before, ?), keep_until = GREATEST(keep_until, ?)"
            + " WHERE user_id = ?";
    String tokenRule =
        "SELECT 1 AS scope_rank, revoked_at AS scope_at FROM "
            + tokens
            + " WHERE issuer = ? AND token_id = ? AND expires_at > ?";
    String sessionRule =
        "SELECT 2 AS scope_rank, revoked_at AS scope_at FROM "
            + sessions
            + " WHERE session_id = ? AND keep_until > ?";
    String userRule =
        "SELECT 3 AS scope_rank, not_before AS scope_at FROM "
            + users
            + " WHERE user_id = ? AND not_before >= ? AND keep_until > ?";
    this.check =
        tokenRule
            + " UNION ALL "
            + sessionRule
            + " UNION ALL "
            + userRule
            + " ORDER BY scope_rank LIMIT 1";
    this.checkWithoutSession =
        tokenRule + " UNION ALL " + userRule + " ORDER BY scope_rank LIMIT 1";
    this.purge =
        new String[] {
          "DELETE FROM " + tokens + " WHERE expires_at <= ?",
          "DELETE FROM " + sessions + " WHERE keep_until <= ?",
          "DELETE FROM " + users + " WHERE keep_until <= ?"
        };
    this.count =
        "SELECT (SELECT COUNT(*) FROM "
            + tokens
            + ") + (SELECT COUNT(*) FROM "
            + sessions
            + ") + (SELECT COUNT(*) FROM "
            + users
            + ")";
  }

  @Override
  public void revokeToken(String issuer, String tokenId, Instant revokedAt, Instant expiresAt) {
    Args.text(issuer, "issuer", 512);
    Args.text(tokenId, "tokenId", 255);
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (!expiresAt.isAfter(clock.instant())) {
      return; // the token is dead already: nothing to remember
    }
    insertOrWiden(insertToken, widenToken, revokedAt, expiresAt, issuer, tokenId);
  }

  @Override
  public void revokeSession(String sessionId, Instant revokedAt, Instant keepUntil) {
    Args.text(sessionId, "sessionId", 255);
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(keepUntil, "keepUntil");
    if (!keepUntil.isAfter(clock.instant())) {
      return;
    }
    insertOrWiden(insertSession, widenSession, revokedAt, keepUntil, sessionId);
  }

  @Override
  public void revokeUserBefore(String userId, Instant notBefore, Instant keepUntil) {
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(keepUntil, "keepUntil");
    if (!keepUntil.isAfter(clock.instant())) {
      return;
    }
    insertOrWiden(insertUser, widenUser, notBefore, keepUntil, userId);
  }

  @Override
  public Optional<Revocation> check(
      String issuer, String tokenId, String userId, String sessionId, Instant issuedAt) {
    Args.text(issuer, "issuer", 512);
    Args.text(tokenId, "tokenId", 255);
    Args.text(userId, "userId", 255);
    Objects.requireNonNull(issuedAt, "issuedAt");
    long now = Instants.toNanos(clock.instant());
    List<Object> args = new ArrayList<>(List.of(issuer, tokenId, now));
    if (sessionId != null) {
      args.addAll(List.of(sessionId, now));
    }
    args.addAll(List.of(userId, issuedAt, now));
    return db.call(
        COMPONENT,
        c ->
            Sql.queryOne(
                c,
                sessionId == null ? checkWithoutSession : check,
                JdbcTokenBlacklist::revocation,
                args.toArray()));
  }

  /** How many revocations the tables hold. */
  public long storedEntries() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }

  /**
   * Deletes revocations that no token they concern can outlive any more.
   *
   * @return how many were deleted
   */
  public int purge(Instant now) {
    return db.call(
        COMPONENT,
        c -> {
          int deleted = 0;
          for (String sql : purge) {
            deleted += Sql.update(c, sql, Sql.nanos(now));
          }
          return deleted;
        });
  }

  /**
   * Inserts a revocation (keys, then the two instants), or, when one exists, widens it (the two
   * instants, then the keys); repeated until one of the two statements takes effect, so a
   * concurrent delete cannot lose it.
   */
  private void insertOrWiden(String insert, String widen, Instant a, Instant b, String... keys) {
    List<Object> insertArgs = new ArrayList<>(List.of(keys));
    insertArgs.addAll(List.of(a, b));
    List<Object> widenArgs = new ArrayList<>(List.of(a, b));
    widenArgs.addAll(List.of(keys));
    db.call(
        COMPONENT,
        c -> {
          while (Sql.update(c, insert, insertArgs.toArray()) == 0
              && Sql.update(c, widen, widenArgs.toArray()) == 0) {
            // Deleted between the two statements (a purge): insert again.
          }
          return null;
        });
  }

  private static Revocation revocation(ResultSet rs) throws SQLException {
    Revocation.Scope scope =
        switch (rs.getInt(1)) {
          case 1 -> Revocation.Scope.TOKEN;
          case 2 -> Revocation.Scope.SESSION;
          default -> Revocation.Scope.USER;
        };
    return new Revocation(scope, Instants.fromNanos(rs.getLong(2)));
  }
}
