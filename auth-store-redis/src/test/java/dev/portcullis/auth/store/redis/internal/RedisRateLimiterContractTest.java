package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.RateLimiterContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The testkit's contract of {@link RateLimiter}, against a real redis-server. */
final class RedisRateLimiterContractTest extends RateLimiterContract {
  private final Map<Object, ClockedRedis> stores = new IdentityHashMap<>();

  @Override
  protected RateLimiter createLimiter(MutableClock clock) {
    ClockedRedis redis = TestRedis.fresh(clock);
    RateLimiter adapter = new RedisRateLimiter(redis.redis(), clock);
    stores.put(adapter, redis);
    return adapter;
  }

  /** The keys it holds at the clock's now: Redis ages them with the test clock. */
  @Override
  protected OptionalLong storedBuckets(RateLimiter adapter) {
    return OptionalLong.of(stores.get(adapter).storedKeys());
  }
}
