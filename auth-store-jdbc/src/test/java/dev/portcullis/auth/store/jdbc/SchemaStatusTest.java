package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.store.jdbc.SchemaStatus.State;
import dev.portcullis.auth.store.jdbc.internal.Migrations;
import dev.portcullis.auth.store.jdbc.testsupport.MigrationFiles;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JdbcStores#schemaStatus}: the four answers, as values, changing nothing. */
final class SchemaStatusTest {

  static Stream<Arguments> databases() {
    return Stream.of(
        Arguments.of("H2", (Supplier<JdbcStoreSettings>) TestDatabase::h2Settings),
        Arguments.of("PostgreSQL", (Supplier<JdbcStoreSettings>) TestDatabase::postgresSettings));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void anEmptyDatabase_isMissing_andStaysEmpty(String name, Supplier<JdbcStoreSettings> database) {
    JdbcStoreSettings settings = database.get();

    SchemaStatus status = JdbcStores.schemaStatus(settings);

    assertThat(status.state()).isEqualTo(State.MISSING);
    assertThat(status.migrationsPending()).isTrue();
    assertThat(status.detail()).contains("missing").contains("run the Portcullis migrations");
    assertThat(status.databaseTime()).isNotNull();
    assertThat(JdbcStores.schemaStatus(settings).state()).isEqualTo(State.MISSING);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aMigratedDatabase_isCurrent_withItsClock(String name, Supplier<JdbcStoreSettings> database)
      throws Exception {
    JdbcStoreSettings settings = database.get();
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      JdbcStores.migrate(ds, settings.schema());
    }

    SchemaStatus status = JdbcStores.schemaStatus(settings);

    assertThat(status.state()).isEqualTo(State.CURRENT);
    assertThat(status.version()).isEqualTo(Migrations.LATEST_VERSION);
    assertThat(status.migrationsPending()).isFalse();
    assertThat(Duration.between(status.databaseTime(), Instant.now()).abs())
        .isLessThan(Duration.ofMinutes(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void aDatabaseWithoutTheLatestMigration_isBehind(
      String name, Supplier<JdbcStoreSettings> database) throws Exception {
    JdbcStoreSettings settings = database.get();
    try (HikariDataSource ds = TestDatabase.pool(settings, 2)) {
      JdbcStores.migrate(ds, settings.schema());
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate(
            "DELETE FROM "
                + settings.schema()
                + ".\""
                + JdbcStores.HISTORY_TABLE
                + "\" WHERE \"version\" = '"
                + Migrations.LATEST_VERSION
                + "'");
      }
    }

    SchemaStatus status = JdbcStores.schemaStatus(settings);

    assertThat(status.state()).isEqualTo(State.BEHIND);
    assertThat(status.version()).isEqualTo(MigrationFiles.beforeNewest());
    assertThat(status.latest()).isEqualTo(Migrations.LATEST_VERSION);
    assertThat(status.detail()).contains("needs " + Migrations.LATEST_VERSION);
  }

  @Test
  void aDatabaseThatCannotBeReached_isUnreachable_notAnException() {
    JdbcStoreSettings settings =
        JdbcStoreSettings.forUrl("jdbc:postgresql://127.0.0.1:1/auth", "u", "p")
            .withConnectionTimeout(Duration.ofMillis(250));

    SchemaStatus status = JdbcStores.schemaStatus(settings);

    assertThat(status.state()).isEqualTo(State.UNREACHABLE);
    assertThat(status.databaseTime()).isNull();
    assertThat(status.detail()).contains("127.0.0.1:1");
  }
}
