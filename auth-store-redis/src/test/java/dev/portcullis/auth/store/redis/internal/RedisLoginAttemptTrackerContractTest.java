package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.LoginAttemptTrackerContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The testkit's contract of {@link LoginAttemptTracker}, against a real redis-server. */
final class RedisLoginAttemptTrackerContractTest extends LoginAttemptTrackerContract {
  private final Map<Object, ClockedRedis> stores = new IdentityHashMap<>();

  @Override
  protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
    ClockedRedis redis = TestRedis.fresh(clock);
    LoginAttemptTracker adapter = new RedisLoginAttemptTracker(redis.redis(), policy, clock);
    stores.put(adapter, redis);
    return adapter;
  }

  /** The keys it holds at the clock's now: Redis ages them with the test clock. */
  @Override
  protected OptionalLong storedKeys(LoginAttemptTracker adapter) {
    return OptionalLong.of(stores.get(adapter).storedKeys());
  }
}
