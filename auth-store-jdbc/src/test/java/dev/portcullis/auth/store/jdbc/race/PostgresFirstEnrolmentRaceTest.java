package dev.portcullis.auth.store.jdbc.race;

import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link FirstEnrolmentRace} on a real PostgreSQL (embedded binaries). */
final class PostgresFirstEnrolmentRaceTest extends FirstEnrolmentRace {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  TestDatabase db() {
    return DB;
  }

  @Override
  String waitingSessions() {
    return "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'";
  }
}
