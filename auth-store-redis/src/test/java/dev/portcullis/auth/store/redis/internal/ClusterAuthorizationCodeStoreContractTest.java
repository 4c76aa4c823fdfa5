package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.AuthorizationCodeStoreContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The testkit's contract of {@link AuthorizationCodeStore}, on a Redis Cluster of three masters.
 */
final class ClusterAuthorizationCodeStoreContractTest extends AuthorizationCodeStoreContract {
  private final Map<Object, ClockedRedis> stores = new IdentityHashMap<>();

  @Override
  protected AuthorizationCodeStore createAuthorizationCodeStore(MutableClock clock) {
    ClockedRedis redis = TestRedis.freshOnCluster(clock);
    AuthorizationCodeStore adapter = new RedisAuthorizationCodeStore(redis.redis(), clock);
    stores.put(adapter, redis);
    return adapter;
  }

  /** The keys it holds at the clock's now: Redis ages them with the test clock. */
  @Override
  protected OptionalLong storedCodes(AuthorizationCodeStore adapter) {
    return OptionalLong.of(stores.get(adapter).storedKeys());
  }
}
