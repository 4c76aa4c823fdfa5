package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.LoginAttemptTrackerContract;

/** The testkit's contract of {@link LoginAttemptTracker}, against a real redis-server. */
final class RedisLoginAttemptTrackerContractTest extends LoginAttemptTrackerContract {
  @Override
  protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
    return new RedisLoginAttemptTracker(TestRedis.fresh(), policy, clock);
  }
}
