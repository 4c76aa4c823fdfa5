package dev.portcullis.auth.store.jdbc.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A successful login clears its key without the key's row lock (one statement for a key without
 * lock history) and resets the lock history afterwards. Here two failures on another instance lock
 * the key between those two steps: the result must be that of the serial order "failures, then
 * success": the active lock stays (a success never lifts one), its failures are forgotten with the
 * lock count, and the key does not report failures the success already cleared. Deterministic: the
 * failures run from a hook right after the success's delete.
 */
final class SuccessRacingALockTest {
  private static final String KEY = "alice@example.com";
  private static final LockoutPolicy POLICY =
      new LockoutPolicy(
          2,
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ZERO,
          Duration.ofMinutes(10),
          Duration.ofHours(1));

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));

  @Test
  void twoFailuresLockingTheKeyBetweenASuccessesDeleteAndItsReset_endAsIfTheyCameFirst() {
    LoginAttemptTracker other = DB.fresh(clock, POLICY).loginAttempts();
    AtomicBoolean armed = new AtomicBoolean();
    Runnable lockMeanwhile =
        () -> {
          // The slot the success freed and the one still reserved: two failures, the lock.
          AttemptReservation.Granted second = granted(other.reserve(KEY));
          assertThat(other.recordFailure(pending).lockedUntil()).isNull();
          assertThat(other.recordFailure(second).lockedUntil()).isNotNull();
        };
    try (JdbcStores hooked =
        JdbcStores.open(
            afterSuccessDelete(DB.dataSource(), armed, lockMeanwhile),
            DB.settings(),
            clock,
            POLICY)) {
      LoginAttemptTracker tracker = hooked.loginAttempts();
      // A lock history: two failures, then the lock runs out.
      other.recordFailure(granted(other.reserve(KEY)));
      assertThat(other.recordFailure(granted(other.reserve(KEY))).lockedUntil()).isNotNull();
      clock.advance(Duration.ofMinutes(11));
      AttemptReservation.Granted success = granted(tracker.reserve(KEY));
      pending = granted(other.reserve(KEY));

      armed.set(true);
      tracker.recordSuccess(success);

      assertThat(armed).isFalse(); // the hook ran
      LockStatus after = tracker.status(KEY);
      assertThat(after.lockedUntil()).isNotNull();
      assertThat(after.failures()).isZero();
      assertThat(tracker.reserve(KEY)).isInstanceOf(AttemptReservation.Denied.class);
    }
  }

  private AttemptReservation.Granted pending;

  private static AttemptReservation.Granted granted(AttemptReservation r) {
    assertThat(r).isInstanceOf(AttemptReservation.Granted.class);
    return (AttemptReservation.Granted) r;
  }

  /** Runs {@code hook} once, when armed, right after the success's delete has executed. */
  private static DataSource afterSuccessDelete(
      DataSource delegate, AtomicBoolean armed, Runnable hook) {
    return proxy(
        DataSource.class,
        delegate,
        (method, result, args) ->
            method.getName().equals("getConnection")
                ? proxy(
                    Connection.class,
                    result,
                    (m, connectionResult, a) ->
                        m.getName().equals("prepareStatement")
                                && ((String) a[0]).contains("kind = 'F' OR")
                            ? proxy(
                                PreparedStatement.class,
                                connectionResult,
                                (sm, statementResult, sa) -> {
                                  if (sm.getName().startsWith("execute")
                                      && armed.compareAndSet(true, false)) {
                                    hook.run();
                                  }
                                  return statementResult;
                                })
                            : connectionResult)
                : result);
  }

  private interface After {
    Object apply(java.lang.reflect.Method method, Object result, Object[] args) throws Exception;
  }

  private static <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler handler =
        (p, method, args) -> {
          Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          return after.apply(method, result, args);
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
