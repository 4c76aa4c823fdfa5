package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.store.jdbc.internal.Instants;
import dev.portcullis.auth.store.jdbc.internal.Migrations;
import dev.portcullis.auth.store.jdbc.testsupport.MigrationFiles;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The migrations inside the jar, their own history table, and what a missing schema says. */
final class MigrationsTest {
  private static final String HOW_TO_MIGRATE =
      "run the Portcullis migrations: JdbcStores.migrate(dataSource) or"
          + " auth.store.jdbc.migrate-on-start=true";

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", (Supplier<JdbcStoreSettings>) TestDatabase::h2Settings),
        Arguments.of("PostgreSQL", (Supplier<JdbcStoreSettings>) TestDatabase::postgresSettings));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_twice_appliesEachMigrationOnce_inItsOwnHistoryTable(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      JdbcStores.migrate(ds, settings.schema());
      JdbcStores.migrate(ds, settings.schema());

      assertThat(
              count(
                  ds,
                  "SELECT COUNT(*) FROM "
                      + history(settings)
                      + " WHERE \"success\" AND \"version\" IS NOT NULL"))
          .isEqualTo(MigrationFiles.versions().size());
      assertThat(tableExists(ds, settings.schema(), "flyway_schema_history")).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_besideTheApplicationsOwnFlywayMigrations_keepsBothHistoriesApart(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      Flyway app =
          Flyway.configure()
              .dataSource(ds)
              .schemas(settings.schema())
              .locations("classpath:db/app")
              .load();
      app.migrate();

      JdbcStores.migrate(ds, settings.schema());
      app.validate();
      app.migrate();

      assertThat(count(ds, "SELECT COUNT(*) FROM " + settings.schema() + ".app_orders")).isZero();
      assertThat(tableExists(ds, settings.schema(), "flyway_schema_history")).isTrue();
      try (JdbcStores stores =
          JdbcStores.open(
              ds, settings.withMigrateOnStart(false), clock, LockoutPolicy.defaults())) {
        assertThat(stores.users().list(0, 10)).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void open_onASchemaWithoutTheTables_saysHowToMigrate(
      String name, Supplier<JdbcStoreSettings> database) {
    JdbcStoreSettings settings = database.get().withMigrateOnStart(false);

    assertThatThrownBy(() -> JdbcStores.open(settings, clock, LockoutPolicy.defaults()))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("service_unavailable")
        .hasMessageContaining("tables are missing")
        .hasMessageContaining(HOW_TO_MIGRATE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_fromVersion1_keepsUsersWithVersion0AndUnprovenAddresses_andEndsOldResetLinks(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      Flyway.configure()
          .dataSource(ds)
          .schemas(settings.schema())
          .defaultSchema(settings.schema())
          .createSchemas(true)
          .table(JdbcStores.HISTORY_TABLE)
          .locations(Migrations.LOCATION)
          .target("1")
          .load()
          .migrate();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO "
                + settings.schema()
                + ".portcullis_users (id, identifier, email, name, password_hash, enabled,"
                + " created_at, password_changed_at) VALUES ('u1', 'old@example.com',"
                + " 'old@example.com', NULL, '$2b$12$hash', TRUE, 0, 0)");
        s.execute(
            "INSERT INTO "
                + settings.schema()
                + ".portcullis_reset_tokens (token_hash, user_id, created_at, expires_at) VALUES ('"
                + "a".repeat(64)
                + "', 'u1', 0, 4102444800000000000)");
      }

      JdbcStores.migrate(ds, settings.schema());

      try (JdbcStores stores =
          JdbcStores.open(
              ds, settings.withMigrateOnStart(false), clock, LockoutPolicy.defaults())) {
        var user = stores.users().findById("u1").orElseThrow();
        assertThat(user.credentialsVersion()).isZero();
        assertThat(user.user().emailVerified()).isFalse();
        assertThat(stores.resetTokens().find("a".repeat(64), clock.instant()))
            .as("links from before the versions are ended by the migration")
            .isEmpty();
        assertThat(stores.users().setPassword("u1", 0, "$2b$12$other", clock.instant())).isTrue();
        assertThat(stores.users().findById("u1").orElseThrow().credentialsVersion()).isEqualTo(1);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void migrate_fromVersion5_makesEachSessionAFirstPartyPasswordLogin_andReadsVersion5Inserts(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    String insertAsVersion5 =
        "INSERT INTO "
            + settings.schema()
            + ".portcullis_sessions (id, user_id, refresh_token_id, created_at, last_active_at,"
            + " expires_at, client_address, user_agent, revoked_at, credentials_version) VALUES"
            + " ('%s', 'u1', '%s-rt0', %d, %d, 4102444800000000000, NULL, NULL, NULL, 2)";
    long createdAt = Instants.toNanos(clock.instant().minusSeconds(60));
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      Flyway.configure()
          .dataSource(ds)
          .schemas(settings.schema())
          .defaultSchema(settings.schema())
          .createSchemas(true)
          .table(JdbcStores.HISTORY_TABLE)
          .locations(Migrations.LOCATION)
          .target("5")
          .load()
          .migrate();
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute(String.format(insertAsVersion5, "old", "old", createdAt, createdAt));
      }

      JdbcStores.migrate(ds, settings.schema());
      assertThat(
              count(
                  ds,
                  "SELECT COUNT(*) FROM "
                      + settings.schema()
                      + ".portcullis_sessions WHERE auth_time = created_at AND scope = ''"
                      + " AND amr = 'pwd'"))
          .isEqualTo(1);
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        // An instance still on version 5 during a rolling upgrade inserts without the new columns.
        s.execute(String.format(insertAsVersion5, "rolling", "rolling", createdAt, createdAt));
      }

      try (JdbcStores stores =
          JdbcStores.open(
              ds, settings.withMigrateOnStart(false), clock, LockoutPolicy.defaults())) {
        for (String id : List.of("old", "rolling")) {
          Session session = stores.sessions().find(id).orElseThrow();
          assertThat(session.clientId()).as(id).isNull();
          assertThat(session.scope()).as(id).isEmpty();
          assertThat(session.authTime()).as(id).isEqualTo(Instants.fromNanos(createdAt));
          assertThat(session.amr()).as(id).containsExactly("pwd");
          assertThat(session.absoluteExpiresAt()).as(id).isNull();
          assertThat(session.previousRefreshTokenId()).as(id).isNull();
          assertThat(session.rotatedAt()).as(id).isNull();
          assertThat(session.credentialsVersion()).as(id).isEqualTo(2);
          Instant now = clock.instant();
          assertThat(
                  stores
                      .sessions()
                      .rotateRefreshToken(
                          id, id + "-rt0", id + "-rt1", now, now.plusSeconds(60), Duration.ZERO))
              .as(id)
              .isEqualTo(RefreshRotation.ROTATED);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void open_onAnOutdatedSchema_saysWhichVersionAndHowToMigrate(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      JdbcStores.migrate(ds, settings.schema());
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        // Forget the newest migration, as if the schema were left at the one before.
        s.execute(
            "DELETE FROM "
                + history(settings)
                + " WHERE \"version\" = '"
                + Migrations.LATEST_VERSION
                + "'");
      }

      assertThatThrownBy(
              () ->
                  JdbcStores.open(
                      ds, settings.withMigrateOnStart(false), clock, LockoutPolicy.defaults()))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("is at Portcullis schema version " + MigrationFiles.beforeNewest())
          .hasMessageContaining("needs " + Migrations.LATEST_VERSION)
          .hasMessageContaining(HOW_TO_MIGRATE);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aTableThatDisappearsAfterStart_failsCallsClosed_withTheDatabasesWordsAndTheFix(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    try (JdbcStores stores = JdbcStores.open(settings, clock, LockoutPolicy.defaults());
        HikariDataSource ds = TestDatabase.pool(settings, 1)) {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE " + settings.schema() + ".portcullis_sessions");
      }

      assertThatThrownBy(() -> stores.sessions().find("s1"))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("jdbc session store is unavailable")
          .hasMessageContaining("portcullis_sessions")
          .hasMessageContaining(HOW_TO_MIGRATE);
    }
  }

  @Test
  void latestVersion_isTheNewestMigrationFileInTheJar() throws Exception {
    List<Integer> versions = MigrationFiles.versions();
    assertThat(Migrations.LATEST_VERSION).isEqualTo(versions.get(versions.size() - 1));
  }

  private static String history(JdbcStoreSettings settings) {
    return settings.schema() + ".\"" + JdbcStores.HISTORY_TABLE + "\"";
  }

  private static long count(HikariDataSource ds, String sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static boolean tableExists(HikariDataSource ds, String schema, String table)
      throws Exception {
    return count(
            ds,
            "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_schema) = '"
                + schema.toLowerCase(java.util.Locale.ROOT)
                + "' AND LOWER(table_name) = '"
                + table
                + "'")
        > 0;
  }
}
