package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.api.store.SingleUseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link SingleUseStore} over {@code portcullis_single_use}. Marking is {@code INSERT ... ON
 * CONFLICT DO NOTHING} on the primary key, then, when the key is there already, one conditional
 * {@code UPDATE} that takes it over only if it has expired: of concurrent callers on any number of
 * instances exactly one changes a row. Thread-safe.
 */
public final class JdbcSingleUseStore implements SingleUseStore {
  static final String COMPONENT = "jdbc single-use store";

  private final Database db;
  private final Clock clock;
  private final String insert;
  private final String takeOverExpired;
  private final String purge;
  private final String count;

  public JdbcSingleUseStore(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    String t = db.tables().name("portcullis_single_use");
    this.insert =
        "INSERT INTO "
            + t
            + " (namespace, use_key, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
    this.takeOverExpired =
        "UPDATE "
            + t
            + " SET expires_at = ? WHERE namespace = ? AND use_key = ? AND expires_at <= ?";
    this.purge = "DELETE FROM " + t + " WHERE expires_at < ?";
    this.count = "SELECT COUNT(*) FROM " + t;
  }

  @Override
  public boolean markUsed(String namespace, String key, Instant expiresAt) {
    Args.text(namespace, "namespace", 64);
    Args.text(key, "key", 255);
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expiresAt must be in the future");
    }
    return db.call(
        COMPONENT,
        c ->
            Sql.update(c, insert, namespace, key, expiresAt) == 1
                || Sql.update(c, takeOverExpired, expiresAt, namespace, key, now) == 1);
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    return db.call(COMPONENT, c -> Sql.update(c, purge, cutoff));
  }

  /** How many keys the table holds. */
  public long storedKeys() {
    return db.call(COMPONENT, c -> Sql.count(c, count));
  }
}
