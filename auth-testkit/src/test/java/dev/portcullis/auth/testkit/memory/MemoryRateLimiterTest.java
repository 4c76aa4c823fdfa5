package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryRateLimiter;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.RateLimiterContract;
import java.util.OptionalLong;

final class MemoryRateLimiterTest extends RateLimiterContract {

  @Override
  protected RateLimiter createLimiter(MutableClock clock) {
    return MemoryStores.rateLimiter(clock);
  }

  @Override
  protected OptionalLong storedBuckets(RateLimiter limiter) {
    return OptionalLong.of(((MemoryRateLimiter) limiter).size());
  }
}
