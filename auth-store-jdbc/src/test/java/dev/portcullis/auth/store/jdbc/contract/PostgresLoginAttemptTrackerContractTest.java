package dev.portcullis.auth.store.jdbc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.jdbc.internal.JdbcLoginAttemptTracker;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.LoginAttemptTrackerContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LoginAttemptTracker contract on a real PostgreSQL (embedded binaries), one schema per class.
 */
final class PostgresLoginAttemptTrackerContractTest extends LoginAttemptTrackerContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  private final Map<LoginAttemptTracker, JdbcStores> stores = new IdentityHashMap<>();

  @Override
  protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
    JdbcStores fresh = DB.fresh(clock, policy);
    stores.put(fresh.loginAttempts(), fresh);
    return fresh.loginAttempts();
  }

  /** The rate limiter of the same database: the gate then joins both in one transaction. */
  @Override
  protected RateLimiter rateLimiterBeside(LoginAttemptTracker tracker) {
    RateLimiter limiter = stores.get(tracker).rateLimiter();
    assertThat(tracker.gateWith(limiter).getClass().getSimpleName()).isEqualTo("JdbcLoginGate");
    return limiter;
  }

  @Override
  protected OptionalLong storedKeys(LoginAttemptTracker tracker) {
    JdbcLoginAttemptTracker t = (JdbcLoginAttemptTracker) tracker;
    t.purge();
    return OptionalLong.of(t.storedKeys());
  }
}
