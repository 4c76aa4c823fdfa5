package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.AuthorizationCodeStoreContract;

/**
 * The testkit's contract of {@link AuthorizationCodeStore}, on a Redis Cluster of three masters.
 */
final class ClusterAuthorizationCodeStoreContractTest extends AuthorizationCodeStoreContract {
  @Override
  protected AuthorizationCodeStore createAuthorizationCodeStore(MutableClock clock) {
    return new RedisAuthorizationCodeStore(TestRedis.freshOnCluster(), clock);
  }
}
