package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link AuthorizationCodeStore} over {@code portcullis_authorization_codes}. Redemption is one
 * conditional {@code UPDATE ... SET used_at WHERE used_at IS NULL ... RETURNING}: of concurrent
 * redemptions of one hash, on any number of instances, only the statement that changed the row gets
 * {@link CodeRedemption.Redeemed}; the others then read the used row and get {@link
 * CodeRedemption.Replayed}. Thread-safe.
 */
public final class JdbcAuthorizationCodeStore implements AuthorizationCodeStore {
  static final String COMPONENT = "jdbc authorization code store";

  /** session_id of a code replayed before its session was attached. */
  private static final String REPLAYED_EARLY = "-replayed";

  private static final String COLUMNS =
      "code_hash, client_id, redirect_uri, code_challenge, scope, nonce, user_id, session_id,"
          + " auth_time, credentials_version, created_at, expires_at, amr";

  private final Database db;
  private final String insert;
  private final String redeem;
  private final String findLive;
  private final String markReplayedEarly;
  private final String attach;
  private final String purge;
  private final String count;

  public JdbcAuthorizationCodeStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_authorization_codes");
    this.insert =
        "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    this.redeem =
        db.dialect()
            .updateReturning(
                "UPDATE "
                    + t
                    + " SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?",
                COLUMNS);
    this.findLive = "SELECT " + COLUMNS + " FROM " + t + " WHERE code_hash = ? AND expires_at > ?";
    // A replay before the session is attached moves the marker, so that attach fails.
    this.markReplayedEarly =
        "UPDATE "
            + t
            + " SET session_id = '"
            + REPLAYED_EARLY
            + "' WHERE code_hash = ? AND used_at IS NOT NULL AND session_id = '"
            + AuthorizationCode.SESSION_AT_REDEMPTION
            + "'";
    this.attach =
        "UPDATE "
            + t
            + " SET session_id = ? WHERE code_hash = ? AND used_at IS NOT NULL AND session_id = '"
            + AuthorizationCode.SESSION_AT_REDEMPTION
            + "' AND expires_at > ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ?";
    this.count = "SELECT COUNT(*) FROM " + t;
  }

  @Override
  public void save(AuthorizationCode code) {
    Objects.requireNonNull(code, "code");
    Args.text(code.clientId(), "clientId", 255);
    Args.text(code.redirectUri(), "redirectUri", 2048);
    String scope = String.join(" ", code.scope());
    if (scope.length() > 4096) {
      throw new IllegalArgumentException("scope must be at most 4096 characters");
    }
    if (code.nonce() != null) {
      Args.text(code.nonce(), "nonce", 512);
    }
    Args.text(code.userId(), "userId", 255);
    Args.text(code.sessionId(), "sessionId", 255);
    db.call(
        COMPONENT,
        c ->
            Sql.insertNew(
                c,
                insert,
                "this authorization code hash is already stored",
                code.codeHash(),
                code.clientId(),
                code.redirectUri(),
                code.codeChallenge(),
                scope,
                Sql.text(code.nonce()),
                code.userId(),
                code.sessionId(),
                code.authTime(),
                code.credentialsVersion(),
                code.createdAt(),
                code.expiresAt(),
                String.join(" ", code.amr())));
  }

  @Override
  public CodeRedemption consume(String codeHash, Instant now) {
    Args.text(codeHash, "codeHash", 64);
    Objects.requireNonNull(now, "now");
    if (!codeHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("codeHash must be 64 lower-case hex digits (SHA-256)");
    }
    return db.call(
        COMPONENT,
        c -> {
          Optional<AuthorizationCode> first =
              Sql.queryOne(c, redeem, JdbcAuthorizationCodeStore::code, now, codeHash, now);
          if (first.isPresent()) {
            return new CodeRedemption.Redeemed(first.get());
          }
          // Not changed: unknown, expired, or used before (by us or another instance).
          Sql.update(c, markReplayedEarly, codeHash);
          Optional<AuthorizationCode> used =
              Sql.queryOne(c, findLive, JdbcAuthorizationCodeStore::code, codeHash, now);
          return used.<CodeRedemption>map(CodeRedemption.Replayed::new)
              .orElseGet(CodeRedemption.Invalid::new);
        });
  }

  @Override
  public boolean attachSession(String codeHash, String sessionId, Instant now) {
    Args.text(codeHash, "codeHash", 64);
    Objects.requireNonNull(now, "now");
    if (!codeHash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("codeHash must be 64 lower-case hex digits (SHA-256)");
    }
    Args.text(sessionId, "sessionId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, attach, sessionId, codeHash, now) == 1);
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  /** How many codes, used or not, the table holds. */
  public long storedCodes() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }

  private static String sessionOf(String column) {
    return REPLAYED_EARLY.equals(column) ? AuthorizationCode.SESSION_AT_REDEMPTION : column;
  }

  private static AuthorizationCode code(ResultSet rs) throws SQLException {
    String scope = rs.getString("scope");
    Set<String> scopes =
        scope.isEmpty()
            ? Set.of()
            : Arrays.stream(scope.split(" ")).collect(Collectors.toUnmodifiableSet());
    return new AuthorizationCode(
        rs.getString("code_hash"),
        rs.getString("client_id"),
        rs.getString("redirect_uri"),
        rs.getString("code_challenge"),
        scopes,
        rs.getString("nonce"),
        rs.getString("user_id"),
        sessionOf(rs.getString("session_id")),
        Sql.instant(rs, "auth_time"),
        rs.getLong("credentials_version"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"),
        List.of(rs.getString("amr").split(" ")));
  }
}
