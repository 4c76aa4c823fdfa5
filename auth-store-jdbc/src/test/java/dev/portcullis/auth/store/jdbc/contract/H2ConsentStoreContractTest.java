package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.ConsentStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ConsentStore contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2ConsentStoreContractTest extends ConsentStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected ConsentStore createConsentStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).consents();
  }
}
