package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.model.Interaction;
import dev.portcullis.auth.api.store.InteractionStore;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link InteractionStore} over {@code portcullis_interactions}. An update is one conditional
 * {@code UPDATE ... WHERE version = ?}: of concurrent updates from one version, on any number of
 * instances, only the statement that changed the row succeeds. The state is stored form-urlencoded.
 * Thread-safe.
 */
public final class JdbcInteractionStore implements InteractionStore {
  static final String COMPONENT = "jdbc interaction store";

  private static final String COLUMNS =
      "id_hash, kind, csrf_token, state, version, created_at, expires_at";

  private final Database db;
  private final String insert;
  private final String findLive;
  private final String update;
  private final String delete;
  private final String purge;
  private final String count;

  public JdbcInteractionStore(Database db) {
    this.db = db;
    String t = db.tables().name("portcullis_interactions");
    this.insert = "INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    this.findLive = "SELECT " + COLUMNS + " FROM " + t + " WHERE id_hash = ? AND expires_at > ?";
    this.update =
        "UPDATE "
            + t
            + " SET state = ?, version = ? WHERE id_hash = ? AND version = ? AND expires_at > ?";
    this.delete = "DELETE FROM " + t + " WHERE id_hash = ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ?";
    this.count = "SELECT COUNT(*) FROM " + t;
  }

  @Override
  public void create(Interaction interaction) {
    Objects.requireNonNull(interaction, "interaction");
    if (interaction.version() != 0) {
      throw new IllegalArgumentException("a new interaction has version 0");
    }
    db.call(
        COMPONENT,
        c ->
            Sql.insertNew(
                c,
                insert,
                "this interaction hash is already stored",
                interaction.idHash(),
                interaction.kind(),
                interaction.csrfToken(),
                encode(interaction.state()),
                interaction.version(),
                interaction.createdAt(),
                interaction.expiresAt()));
  }

  @Override
  public Optional<Interaction> find(String idHash, Instant now) {
    Args.text(idHash, "idHash", 64);
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT, c -> Sql.queryOne(c, findLive, JdbcInteractionStore::interaction, idHash, now));
  }

  @Override
  public boolean update(Interaction next, Instant now) {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(now, "now");
    return db.call(
        COMPONENT,
        c ->
            Sql.update(
                    c,
                    update,
                    encode(next.state()),
                    next.version(),
                    next.idHash(),
                    next.version() - 1,
                    now)
                == 1);
  }

  @Override
  public boolean delete(String idHash) {
    Args.text(idHash, "idHash", 64);
    return db.call(COMPONENT, c -> Sql.update(c, delete, idHash) == 1);
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  /** How many interactions the table holds. */
  public long storedInteractions() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }

  static String encode(Map<String, String> state) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> e : state.entrySet()) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    if (out.length() > 32768) {
      throw new IllegalArgumentException("the interaction state is too large for the store");
    }
    return out.toString();
  }

  static Map<String, String> decode(String text) {
    Map<String, String> state = new TreeMap<>();
    if (text.isEmpty()) {
      return state;
    }
    for (String pair : text.split("&")) {
      int eq = pair.indexOf('=');
      state.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return state;
  }

  private static Interaction interaction(ResultSet rs) throws SQLException {
    return new Interaction(
        rs.getString("id_hash"),
        rs.getString("kind"),
        rs.getString("csrf_token"),
        decode(rs.getString("state")),
        rs.getLong("version"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "expires_at"));
  }
}
