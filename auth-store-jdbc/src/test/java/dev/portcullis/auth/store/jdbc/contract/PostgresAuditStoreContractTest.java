package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.AuditStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AuditStore contract on a real PostgreSQL (embedded binaries), one schema per class. */
final class PostgresAuditStoreContractTest extends AuditStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected AuditStore createAuditStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).audit();
  }
}
