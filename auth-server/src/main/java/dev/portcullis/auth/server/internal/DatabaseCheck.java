package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.jdbc.SchemaStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Doctor: the database, through the store's own {@link JdbcStores#schemaStatus}: reachable, schema
 * up to date (or migrated at start), and its clock in step with this host's. Changes nothing.
 */
final class DatabaseCheck implements Doctor.Check {
  private static final Duration SKEW_WARN = Duration.ofSeconds(5);
  private static final Duration SKEW_FAIL = Duration.ofMinutes(1);

  private final Optional<JdbcStoreSettings> jdbc;
  private final Optional<Path> dataDir;
  private final Clock clock;

  /**
   * @param jdbc the JDBC store's settings, or empty with the memory store
   * @param dataDir the data directory, where the embedded database lives
   */
  DatabaseCheck(Optional<JdbcStoreSettings> jdbc, Optional<Path> dataDir, Clock clock) {
    this.jdbc = jdbc;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  @Override
  public List<Finding> run() {
    if (jdbc.isEmpty()) {
      return List.of(
          new Finding(
              Level.INFO,
              "database",
              "memory store: nothing to check (state is lost at restart)",
              null));
    }
    JdbcStoreSettings db = jdbc.get();
    if (embeddedNotCreatedYet(db)) {
      return List.of(
          new Finding(
              Level.INFO,
              "database",
              "the embedded database does not exist yet; 'serve' creates it in " + dataDir.get(),
              null));
    }
    SchemaStatus status;
    try {
      status = JdbcStores.schemaStatus(db);
    } catch (ConfigurationException e) {
      List<Finding> out = new ArrayList<>();
      for (ConfigProblem p : e.problems()) {
        out.add(new Finding(Level.FAIL, p.key(), p.problem(), p.fix()));
      }
      return out;
    }
    String where = "database (" + db.redactedUrl() + ")";
    return switch (status.state()) {
      case CURRENT -> {
        List<Finding> out = new ArrayList<>();
        out.add(
            new Finding(
                Level.OK,
                "database",
                "reachable (" + db.redactedUrl() + "), Portcullis schema up to date",
                null));
        out.add(skew(status.databaseTime()));
        yield out;
      }
      case BEHIND, MISSING ->
          db.migrateOnStart()
              ? List.of(
                  new Finding(
                      Level.INFO,
                      "database",
                      "migrations are pending; 'serve' applies them at start",
                      null))
              : List.of(
                  new Finding(
                      Level.FAIL,
                      where,
                      status.detail(),
                      "set AUTH_STORE_JDBC_MIGRATE_ON_START=true for one start, or run the"
                          + " migrations with your deployment tool"));
      case UNREACHABLE ->
          List.of(
              new Finding(
                  Level.FAIL,
                  where,
                  status.detail(),
                  "check that the database runs and accepts this user, then"
                      + " auth.store.jdbc.url, username and password"));
    };
  }

  private boolean embeddedNotCreatedYet(JdbcStoreSettings db) {
    if (dataDir.isEmpty()) {
      return false;
    }
    String local = EmbeddedDatabase.url(dataDir.get(), false);
    boolean embedded = db.url().equals(local) || db.url().startsWith(local + ";");
    return embedded && !Files.exists(EmbeddedDatabase.file(dataDir.get()));
  }

  private Finding skew(Instant databaseTime) {
    if (databaseTime == null) {
      return new Finding(Level.INFO, "clock", "could not read the database's clock", null);
    }
    Duration skew = Duration.between(databaseTime, clock.instant()).abs();
    String fix = "synchronise both clocks with NTP (timedatectl set-ntp true)";
    String message = "this host and the database disagree by " + skew.toSeconds() + " s.";
    if (skew.compareTo(SKEW_FAIL) > 0) {
      return new Finding(Level.FAIL, "clock", message, fix);
    }
    if (skew.compareTo(SKEW_WARN) > 0) {
      return new Finding(Level.WARN, "clock", message, fix);
    }
    return new Finding(
        Level.OK, "clock", "in step with the database (" + skew.toMillis() + " ms)", null);
  }
}
