package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.model.OAuthClient.AuthMethod;
import dev.portcullis.auth.api.store.ClientStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link ClientStore} over {@code portcullis_oauth_clients}, one row per client with its sets as
 * space-joined text and its redirect URIs one per line (no element can hold either separator:
 * {@link OAuthClient} refuses it). Registration is one {@code INSERT ... ON CONFLICT DO NOTHING},
 * every change one {@code UPDATE}, so instances sharing the database act as one. Thread-safe.
 */
public final class JdbcClientStore implements ClientStore {
  static final String COMPONENT = "jdbc client store";

  private static final String COLUMNS =
      "client_id, display_name, client_type, auth_methods, secret_hash, jwks_uri, jwks,"
          + " redirect_uris, grant_types, scopes, require_consent, access_token_audience, enabled,"
          + " created_at";

  private final Database db;
  private final String insert;
  private final String find;
  private final String update;
  private final String setSecretHash;
  private final String isPublic;
  private final String setEnabled;
  private final String list;

  public JdbcClientStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_oauth_clients");
    this.insert =
        "INSERT INTO "
            + t
            + " ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    this.find = "SELECT " + COLUMNS + " FROM " + t + " WHERE client_id = ?";
    this.update =
        "UPDATE "
            + t
            + " SET display_name = ?, client_type = ?, auth_methods = ?, secret_hash = ?,"
            + " jwks_uri = ?, jwks = ?, redirect_uris = ?, grant_types = ?, scopes = ?,"
            + " require_consent = ?, access_token_audience = ?, enabled = ?, created_at = ?"
            + " WHERE client_id = ?";
    // A public client has no secret: the condition keeps the row's invariants in the statement.
    this.setSecretHash =
        "UPDATE " + t + " SET secret_hash = ? WHERE client_id = ? AND client_type = 'CONFIDENTIAL'";
    this.isPublic = "SELECT 1 FROM " + t + " WHERE client_id = ? AND client_type = 'PUBLIC'";
    this.setEnabled = "UPDATE " + t + " SET enabled = ? WHERE client_id = ?";
    this.list =
        "SELECT " + COLUMNS + " FROM " + t + " ORDER BY created_at, client_id LIMIT ? OFFSET ?";
  }

  @Override
  public Result<OAuthClient> create(OAuthClient client) {
    Objects.requireNonNull(client, "client");
    return db.call(
        COMPONENT,
        c ->
            Sql.update(
                        c,
                        insert,
                        client.clientId(),
                        client.displayName(),
                        client.type().name(),
                        join(client.authMethodNames()),
                        Sql.text(client.secretHash()),
                        Sql.text(client.jwksUri()),
                        Sql.text(client.jwks()),
                        String.join("\n", client.redirectUris()),
                        join(client.grantTypes()),
                        join(client.scopes()),
                        client.requireConsent(),
                        Sql.text(client.accessTokenAudience()),
                        client.enabled(),
                        client.createdAt())
                    == 1
                ? Result.ok(client)
                : Result.err(AuthError.of(ErrorKind.IDENTIFIER_TAKEN)));
  }

  @Override
  public Optional<OAuthClient> find(String clientId) {
    Args.text(clientId, "clientId", 255);
    return db.call(COMPONENT, c -> Sql.queryOne(c, find, JdbcClientStore::client, clientId));
  }

  @Override
  public boolean update(OAuthClient client) {
    Objects.requireNonNull(client, "client");
    return db.call(
        COMPONENT,
        c ->
            Sql.update(
                    c,
                    update,
                    client.displayName(),
                    client.type().name(),
                    join(client.authMethodNames()),
                    Sql.text(client.secretHash()),
                    Sql.text(client.jwksUri()),
                    Sql.text(client.jwks()),
                    String.join("\n", client.redirectUris()),
                    join(client.grantTypes()),
                    join(client.scopes()),
                    client.requireConsent(),
                    Sql.text(client.accessTokenAudience()),
                    client.enabled(),
                    client.createdAt(),
                    client.clientId())
                > 0);
  }

  @Override
  public boolean setSecretHash(String clientId, String newHash) {
    Args.text(clientId, "clientId", 255);
    Args.text(newHash, "newHash", Integer.MAX_VALUE);
    // The same check as OAuthClient's, before the database: a bad hash changes nothing.
    if (!newHash.matches("(\\$[a-z0-9-]+\\$|[a-z0-9-]+:)[\\x21-\\x7E]+")) {
      throw new IllegalArgumentException(
          "newHash must be a self-describing hash such as $argon2id$... or sha256:<hex>");
    }
    return db.call(
        COMPONENT,
        c -> {
          if (Sql.update(c, setSecretHash, newHash, clientId) > 0) {
            return true;
          }
          if (Sql.exists(c, isPublic, clientId)) {
            throw new IllegalArgumentException(
                "client " + clientId + " is public: it has no secret");
          }
          return false;
        });
  }

  @Override
  public boolean setEnabled(String clientId, boolean enabled) {
    Args.text(clientId, "clientId", 255);
    return db.call(COMPONENT, c -> Sql.update(c, setEnabled, enabled, clientId) > 0);
  }

  @Override
  public List<OAuthClient> list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, is " + offset);
    }
    Args.limit(limit);
    return db.call(COMPONENT, c -> Sql.query(c, list, JdbcClientStore::client, limit, offset));
  }

  private static String join(Collection<String> values) {
    return String.join(" ", values);
  }

  private static List<String> split(String text, String separator) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(separator));
  }

  private static OAuthClient client(ResultSet rs) throws SQLException {
    Set<AuthMethod> methods =
        split(rs.getString("auth_methods"), " ").stream()
            .map(AuthMethod::fromRfcName)
            .collect(Collectors.toSet());
    return new OAuthClient(
        rs.getString("client_id"),
        rs.getString("display_name"),
        OAuthClient.Type.valueOf(rs.getString("client_type")),
        methods,
        rs.getString("secret_hash"),
        rs.getString("jwks_uri"),
        rs.getString("jwks"),
        split(rs.getString("redirect_uris"), "\n"),
        Set.copyOf(split(rs.getString("grant_types"), " ")),
        Set.copyOf(split(rs.getString("scopes"), " ")),
        rs.getBoolean("require_consent"),
        rs.getString("access_token_audience"),
        rs.getBoolean("enabled"),
        Sql.instant(rs, "created_at"));
  }
}
