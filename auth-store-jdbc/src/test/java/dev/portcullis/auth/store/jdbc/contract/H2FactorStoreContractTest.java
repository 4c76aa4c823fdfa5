package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.FactorStoreContract;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The FactorStore contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2FactorStoreContractTest extends FactorStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected FactorStore createFactorStore() {
    return DB.fresh(
            MutableClock.at(Instant.parse("2030-01-01T00:00:00Z")), LockoutPolicy.defaults())
        .factors();
  }
}
