package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.store.jdbc.internal.JdbcLoginAttemptTracker;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.LoginAttemptTrackerContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LoginAttemptTracker contract on a real PostgreSQL (embedded binaries), one schema per class.
 */
final class PostgresLoginAttemptTrackerContractTest extends LoginAttemptTrackerContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
    return DB.fresh(clock, policy).loginAttempts();
  }

  @Override
  protected OptionalLong storedKeys(LoginAttemptTracker tracker) {
    JdbcLoginAttemptTracker t = (JdbcLoginAttemptTracker) tracker;
    t.purge();
    return OptionalLong.of(t.storedKeys());
  }
}
