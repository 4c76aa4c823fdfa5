package dev.portcullis.auth.store.jdbc;

import java.time.Instant;
import java.util.Objects;

/**
 * What a database holds of the Portcullis schema, as {@link JdbcStores#schemaStatus} found it
 * without changing anything.
 *
 * @param state what was found
 * @param version the Portcullis schema version the database holds (0 when its history has none
 *     yet), or -1 when {@link State#MISSING} or {@link State#UNREACHABLE}
 * @param latest the version this jar needs
 * @param databaseTime the database's clock when it was asked, or null when it could not be read
 * @param detail what was found, for a person: names the schema or the cause, never a password
 */
public record SchemaStatus(
    State state, int version, int latest, Instant databaseTime, String detail) {

  /** The four answers. */
  public enum State {
    /** The schema holds every migration of this jar (or newer ones). */
    CURRENT,
    /** The schema holds some migrations, but not all of this jar's. */
    BEHIND,
    /** The database answers but holds no Portcullis schema (no history table). */
    MISSING,
    /** The database cannot be reached or does not let this user in. */
    UNREACHABLE
  }

  public SchemaStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
  }

  /** Whether migrating would bring the schema up to date (it is behind or missing). */
  public boolean migrationsPending() {
    return state == State.BEHIND || state == State.MISSING;
  }
}
