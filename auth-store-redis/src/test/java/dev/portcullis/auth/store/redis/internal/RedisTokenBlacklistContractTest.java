package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.TokenBlacklistContract;

/** The testkit's contract of {@link TokenBlacklist}, against a real redis-server. */
final class RedisTokenBlacklistContractTest extends TokenBlacklistContract {
  @Override
  protected TokenBlacklist createBlacklist(MutableClock clock) {
    return new RedisTokenBlacklist(TestRedis.fresh(), clock);
  }
}
