package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.DeviceGrantStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DeviceGrantStore contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2DeviceGrantStoreContractTest extends DeviceGrantStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected DeviceGrantStore createDeviceGrantStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).deviceGrants();
  }
}
