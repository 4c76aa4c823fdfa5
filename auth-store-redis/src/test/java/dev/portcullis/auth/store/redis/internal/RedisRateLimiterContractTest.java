package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.RateLimiterContract;

/** The testkit's contract of {@link RateLimiter}, against a real redis-server. */
final class RedisRateLimiterContractTest extends RateLimiterContract {
  @Override
  protected RateLimiter createLimiter(MutableClock clock) {
    return new RedisRateLimiter(TestRedis.fresh(), clock);
  }
}
