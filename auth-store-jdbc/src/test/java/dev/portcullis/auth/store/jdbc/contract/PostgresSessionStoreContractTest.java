package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionStore contract on a real PostgreSQL (embedded binaries), one schema per class. */
final class PostgresSessionStoreContractTest extends SessionStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected SessionStore createSessionStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).sessions();
  }
}
