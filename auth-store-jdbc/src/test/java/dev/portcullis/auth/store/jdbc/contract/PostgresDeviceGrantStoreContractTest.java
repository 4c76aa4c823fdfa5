package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.DeviceGrantStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The DeviceGrantStore contract on a real PostgreSQL (embedded binaries), one schema per class. */
final class PostgresDeviceGrantStoreContractTest extends DeviceGrantStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected DeviceGrantStore createDeviceGrantStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).deviceGrants();
  }
}
