package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SingleUseStoreContract;

/** The testkit's contract of {@link SingleUseStore}, against a real redis-server. */
final class RedisSingleUseStoreContractTest extends SingleUseStoreContract {
  @Override
  protected SingleUseStore createSingleUseStore(MutableClock clock) {
    return new RedisSingleUseStore(TestRedis.fresh(), clock);
  }
}
