package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.store.jdbc.internal.JdbcRateLimiter;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.RateLimiterContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The RateLimiter contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2RateLimiterContractTest extends RateLimiterContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected RateLimiter createLimiter(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).rateLimiter();
  }

  @Override
  protected OptionalLong storedBuckets(RateLimiter limiter) {
    JdbcRateLimiter l = (JdbcRateLimiter) limiter;
    l.purge();
    return OptionalLong.of(l.storedBuckets());
  }
}
