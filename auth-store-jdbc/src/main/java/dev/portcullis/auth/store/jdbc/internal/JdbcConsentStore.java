package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.Consent;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ConsentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ConsentStore} over {@code portcullis_consents} (one row per user and client) and {@code
 * portcullis_consent_scopes} (one row per granted scope). A grant creates the consent row if needed
 * ({@code INSERT ... ON CONFLICT DO NOTHING}), locks it by moving its instant forward ({@code
 * UPDATE ... GREATEST}), then adds the missing scopes, in one transaction: concurrent grants of one
 * pair run one after the other on every instance and end in their union. Thread-safe.
 */
public final class JdbcConsentStore implements ConsentStore {
  static final String COMPONENT = "jdbc consent store";

  // A revoke between the insert and the update deletes the row; the next attempt creates it again.
  private static final int GRANT_ATTEMPTS = 3;

  private final Database db;
  private final String insertConsent;
  private final String touchConsent;
  private final String insertScope;
  private final String find;
  private final String listForUser;
  private final String revoke;

  public JdbcConsentStore(Database db) {
    this.db = db;
    String consents = db.tables().name("portcullis_consents");
    String scopes = db.tables().name("portcullis_consent_scopes");
    this.insertConsent =
        "INSERT INTO "
            + consents
            + " (user_id, client_id, granted_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    this.touchConsent =
        "UPDATE "
            + consents
            + " SET granted_at = GREATEST(granted_at, ?) WHERE user_id = ? AND client_id = ?";
    this.insertScope =
        "INSERT INTO "
            + scopes
            + " (user_id, client_id, scope_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    String select =
        "SELECT c.client_id, c.granted_at, s.scope_name FROM "
            + consents
            + " c JOIN "
            + scopes
            + " s ON s.user_id = c.user_id AND s.client_id = c.client_id WHERE c.user_id = ?";
    this.find = select + " AND c.client_id = ? ORDER BY s.scope_name";
    this.listForUser = select + " ORDER BY c.client_id, s.scope_name";
    this.revoke = "DELETE FROM " + consents + " WHERE user_id = ? AND client_id = ?";
  }

  @Override
  public void grant(String userId, String clientId, Set<String> scopes, Instant at) {
    Args.text(userId, "userId", 255);
    Args.text(clientId, "clientId", 255);
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(at, "at");
    Set<String> checked = OAuthClient.scopeSet(scopes);
    if (checked.isEmpty()) {
      throw new IllegalArgumentException("scopes must name at least one scope");
    }
    for (int attempt = 1; attempt <= GRANT_ATTEMPTS; attempt++) {
      boolean done =
          db.transaction(
              COMPONENT,
              c -> {
                Sql.update(c, insertConsent, userId, clientId, at);
                if (Sql.update(c, touchConsent, at, userId, clientId) == 0) {
                  return false;
                }
                List<Object[]> rows = new ArrayList<>();
                for (String scope : checked) {
                  rows.add(new Object[] {userId, clientId, scope});
                }
                Sql.batch(c, insertScope, rows);
                return true;
              });
      if (done) {
        return;
      }
    }
    throw new IllegalStateException(
        "the consent of a user for client "
            + clientId
            + " was revoked during each of "
            + GRANT_ATTEMPTS
            + " attempts to grant it");
  }

  @Override
  public Optional<Consent> find(String userId, String clientId) {
    Args.text(userId, "userId", 255);
    Args.text(clientId, "clientId", 255);
    return db.call(
        COMPONENT, c -> consents(c, find, userId, userId, clientId).stream().findFirst());
  }

  @Override
  public List<Consent> listForUser(String userId) {
    Args.text(userId, "userId", 255);
    return db.call(COMPONENT, c -> consents(c, listForUser, userId, userId));
  }

  @Override
  public boolean revoke(String userId, String clientId) {
    Args.text(userId, "userId", 255);
    Args.text(clientId, "clientId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, revoke, userId, clientId) > 0);
  }

  private record Row(String clientId, Instant grantedAt, String scope) {}

  private static List<Consent> consents(Connection c, String sql, String userId, Object... args)
      throws SQLException {
    List<Row> rows =
        Sql.query(
            c,
            sql,
            rs ->
                new Row(
                    rs.getString("client_id"),
                    Sql.instant(rs, "granted_at"),
                    rs.getString("scope_name")),
            args);
    Map<String, Set<String>> scopes = new LinkedHashMap<>();
    Map<String, Instant> at = new LinkedHashMap<>();
    for (Row row : rows) {
      scopes.computeIfAbsent(row.clientId(), k -> new TreeSet<>()).add(row.scope());
      at.put(row.clientId(), row.grantedAt());
    }
    List<Consent> result = new ArrayList<>();
    scopes.forEach((client, s) -> result.add(new Consent(userId, client, s, at.get(client))));
    return result;
  }
}
