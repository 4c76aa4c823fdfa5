package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.LoginAttemptTrackerContract;

/** The testkit's contract of {@link LoginAttemptTracker}, on a Redis Cluster of three masters. */
final class ClusterLoginAttemptTrackerContractTest extends LoginAttemptTrackerContract {
  @Override
  protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
    return new RedisLoginAttemptTracker(TestRedis.freshOnCluster(), policy, clock);
  }
}
