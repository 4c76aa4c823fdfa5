package dev.portcullis.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The doctor's database check reads the store's typed schema status, never an error's text. */
final class DatabaseCheckTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private static JdbcStoreSettings emptyH2() {
    return JdbcStoreSettings.forUrl(
            "jdbc:h2:mem:doctor_"
                + COUNTER.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "sa",
            "")
        .withPurgeInterval(Duration.ZERO);
  }

  private static JdbcStoreSettings migratedH2() {
    JdbcStoreSettings settings = emptyH2();
    JdbcStores.open(settings.withMigrateOnStart(true), Clock.systemUTC(), LockoutPolicy.defaults())
        .close();
    return settings;
  }

  private static List<Finding> check(JdbcStoreSettings settings, Clock clock) {
    return new DatabaseCheck(Optional.of(settings), Optional.empty(), clock).run();
  }

  @Test
  void aMissingSchema_withoutMigrateOnStart_isAProblemWithTheFix() {
    List<Finding> found = check(emptyH2(), Clock.systemUTC());

    assertThat(found).hasSize(1);
    assertThat(found.get(0).level()).isEqualTo(Level.FAIL);
    assertThat(found.get(0).message()).contains("missing");
    assertThat(found.get(0).fix()).contains("AUTH_STORE_JDBC_MIGRATE_ON_START=true");
  }

  @Test
  void aMissingSchema_withMigrateOnStart_isPendingMigrations() {
    List<Finding> found = check(emptyH2().withMigrateOnStart(true), Clock.systemUTC());

    assertThat(found).singleElement().extracting(Finding::level).isEqualTo(Level.INFO);
    assertThat(found.get(0).message()).contains("migrations are pending");
  }

  @Test
  void aCurrentSchema_isOk_andTheClockIsComparedWithTheDatabases() {
    JdbcStoreSettings settings = migratedH2();

    List<Finding> inStep = check(settings, Clock.systemUTC());
    List<Finding> behind =
        check(settings, Clock.fixed(Instant.now().minus(Duration.ofMinutes(2)), ZoneOffset.UTC));

    assertThat(inStep).extracting(Finding::level).containsExactly(Level.OK, Level.OK);
    assertThat(inStep.get(1).subject()).isEqualTo("clock");
    assertThat(behind.get(1).level()).isEqualTo(Level.FAIL);
    assertThat(behind.get(1).message()).contains("disagree by");
  }

  @Test
  void theMemoryStore_hasNothingToCheck() {
    List<Finding> found =
        new DatabaseCheck(Optional.empty(), Optional.empty(), Clock.systemUTC()).run();

    assertThat(found).singleElement().extracting(Finding::level).isEqualTo(Level.INFO);
  }
}
