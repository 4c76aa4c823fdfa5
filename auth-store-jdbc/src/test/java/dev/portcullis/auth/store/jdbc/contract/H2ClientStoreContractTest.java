package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.ClientStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ClientStore contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2ClientStoreContractTest extends ClientStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected ClientStore createClientStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).clients();
  }
}
