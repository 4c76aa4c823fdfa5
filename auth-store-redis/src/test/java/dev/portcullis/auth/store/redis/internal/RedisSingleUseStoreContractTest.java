package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SingleUseStoreContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The testkit's contract of {@link SingleUseStore}, against a real redis-server. */
final class RedisSingleUseStoreContractTest extends SingleUseStoreContract {
  private final Map<Object, ClockedRedis> stores = new IdentityHashMap<>();

  @Override
  protected SingleUseStore createSingleUseStore(MutableClock clock) {
    ClockedRedis redis = TestRedis.fresh(clock);
    SingleUseStore adapter = new RedisSingleUseStore(redis.redis(), clock);
    stores.put(adapter, redis);
    return adapter;
  }

  /** The keys it holds at the clock's now: Redis ages them with the test clock. */
  @Override
  protected OptionalLong storedKeys(SingleUseStore adapter) {
    return OptionalLong.of(stores.get(adapter).storedKeys());
  }
}
