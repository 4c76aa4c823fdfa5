package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.DeviceGrantStoreContract;

/** The testkit's contract of {@link DeviceGrantStore}, against a real redis-server. */
final class RedisDeviceGrantStoreContractTest extends DeviceGrantStoreContract {
  @Override
  protected DeviceGrantStore createDeviceGrantStore(MutableClock clock) {
    return new RedisDeviceGrantStore(TestRedis.fresh(clock).redis(), clock);
  }
}
