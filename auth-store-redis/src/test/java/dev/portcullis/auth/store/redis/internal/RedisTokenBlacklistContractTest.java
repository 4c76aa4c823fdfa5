package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.TokenBlacklistContract;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The testkit's contract of {@link TokenBlacklist}, against a real redis-server. */
final class RedisTokenBlacklistContractTest extends TokenBlacklistContract {
  private final Map<Object, ClockedRedis> stores = new IdentityHashMap<>();

  @Override
  protected TokenBlacklist createBlacklist(MutableClock clock) {
    ClockedRedis redis = TestRedis.fresh(clock);
    TokenBlacklist adapter = new RedisTokenBlacklist(redis.redis(), clock);
    stores.put(adapter, redis);
    return adapter;
  }

  /** The keys it holds at the clock's now: Redis ages them with the test clock. */
  @Override
  protected OptionalLong storedEntries(TokenBlacklist adapter) {
    return OptionalLong.of(stores.get(adapter).storedKeys());
  }
}
