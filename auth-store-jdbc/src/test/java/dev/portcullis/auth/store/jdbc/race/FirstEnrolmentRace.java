package dev.portcullis.auth.store.jdbc.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two first enrolments of one user on a real database, made deterministic without sleeping: the
 * winner's row is inserted in a transaction held open, so the loser's {@code SELECT ... FOR UPDATE}
 * finds no row to lock and its INSERT waits on the unique key; the winner commits once the database
 * reports the loser waiting. The loser must answer {@code false}, not throw.
 */
abstract class FirstEnrolmentRace {
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  abstract TestDatabase db();

  /** How many sessions wait on a lock now. */
  abstract String waitingSessions();

  @Test
  void theLoserOfTwoFirstEnrolments_answersFalse_andTheWinnersRowStands() throws Exception {
    FactorStore factors = db().fresh(MutableClock.at(NOW), LockoutPolicy.defaults()).factors();
    String table = db().settings().schema() + ".portcullis_mfa_factors";
    CompletableFuture<Boolean> loser;
    try (Connection winner = db().dataSource().getConnection()) {
      winner.setAutoCommit(false);
      try (PreparedStatement insert =
          winner.prepareStatement(
              "INSERT INTO "
                  + table
                  + " (id, user_id, factor_type, secret, created_at, activated_at, last_used_step)"
                  + " VALUES ('winner', 'u-1', 'totp', 'secret-w', 0, NULL, -1)")) {
        insert.executeUpdate();
      }
      loser =
          CompletableFuture.supplyAsync(
              () ->
                  factors.savePending(
                      FactorCredential.pending("loser", "u-1", "totp", "secret-l", NOW)));
      while (!loser.isDone() && db().queryLong(waitingSessions()) == 0) {
        Thread.onSpinWait();
      }
      winner.commit();
    }

    assertThat(loser.get(30, TimeUnit.SECONDS)).isFalse();
    assertThat(factors.find("u-1", "totp").orElseThrow().id()).isEqualTo("winner");
    assertThat(factors.list("u-1")).hasSize(1);
  }
}
