package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.DeviceGrantStoreContract;

/** The testkit's contract of {@link DeviceGrantStore}, on a Redis Cluster of three masters. */
final class ClusterDeviceGrantStoreContractTest extends DeviceGrantStoreContract {
  @Override
  protected DeviceGrantStore createDeviceGrantStore(MutableClock clock) {
    return new RedisDeviceGrantStore(TestRedis.freshOnCluster(clock).redis(), clock);
  }
}
