package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Injector;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.store.jdbc.testsupport.TestModule;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two injectors, each with its own pool and tracker, on one PostgreSQL database: the lockout bound
 * holds across them as if they were one, because the reservation protocol is atomic in the
 * database, not in the JVM.
 */
final class TwoInjectorsLockoutTest {
  private static final String KEY = "alice@example.com";
  private static final LockoutPolicy POLICY =
      new LockoutPolicy(
          5,
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ZERO,
          Duration.ofMinutes(10),
          Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private Injector first;
  private Injector second;
  private LoginAttemptTracker a;
  private LoginAttemptTracker b;

  @BeforeEach
  void twoIndependentInjectorsOnOneDatabase() {
    JdbcStoreSettings settings = TestDatabase.postgresSettings().withPoolSize(8);
    first = TestModule.strictInjector(new TestModule(clock, POLICY), new JdbcStoreModule(settings));
    second =
        TestModule.strictInjector(
            new TestModule(clock, POLICY), new JdbcStoreModule(settings.withMigrateOnStart(false)));
    a = first.getInstance(LoginAttemptTracker.class);
    b = second.getInstance(LoginAttemptTracker.class);
  }

  @AfterEach
  void close() {
    first.getInstance(JdbcStores.class).close();
    second.getInstance(JdbcStores.class).close();
  }

  @Test
  void trackers_areDistinctObjectsWithDistinctPools() {
    assertThat(a).isNotSameAs(b);
    assertThat(first.getInstance(JdbcStores.class))
        .isNotSameAs(second.getInstance(JdbcStores.class));
  }

  @Test
  void hundredRacingReservations_throughBothInjectors_grantExactlyMaxAttempts() throws Exception {
    List<AttemptReservation> reservations =
        Concurrently.run(100, i -> (i % 2 == 0 ? a : b).reserve(KEY));

    List<AttemptReservation.Granted> grants =
        reservations.stream()
            .filter(AttemptReservation.Granted.class::isInstance)
            .map(AttemptReservation.Granted.class::cast)
            .toList();
    assertThat(grants).hasSize(POLICY.maxAttempts());
    for (int i = 0; i < grants.size(); i++) {
      (i % 2 == 0 ? b : a).recordFailure(grants.get(i));
    }
    assertThat(a.status(KEY).locked()).isTrue();
    assertThat(b.status(KEY).locked()).isTrue();
    assertThat(b.reserve(KEY)).isInstanceOf(AttemptReservation.Denied.class);
  }

  @Test
  void concurrentWrongPasswords_throughBothInjectors_getExactlyMaxAttemptsChecks()
      throws Exception {
    // Each attacker thread checks a wrong password again and again until it is refused.
    List<Integer> checks =
        Concurrently.run(
            100,
            i -> {
              LoginAttemptTracker tracker = i % 2 == 0 ? a : b;
              int made = 0;
              while (tracker.reserve(KEY) instanceof AttemptReservation.Granted g) {
                tracker.recordFailure(g);
                made++;
              }
              return made;
            });

    assertThat(checks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(POLICY.maxAttempts());
    assertThat(a.status(KEY).failures()).isEqualTo(POLICY.maxAttempts());
    assertThat(a.activeLockouts()).hasSize(1);
    assertThat(b.activeLockouts()).isEqualTo(a.activeLockouts());
  }
}
