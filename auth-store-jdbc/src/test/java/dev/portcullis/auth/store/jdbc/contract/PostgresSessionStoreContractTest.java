package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SessionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SessionStore contract on a real PostgreSQL (embedded binaries), one schema per class. */
final class PostgresSessionStoreContractTest extends SessionStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  private JdbcStores stores;

  @Override
  protected SessionStore createSessionStore(MutableClock clock) {
    stores = DB.fresh(clock, LockoutPolicy.defaults());
    return stores.sessions();
  }

  /** The user store of the same database, which findWithUser joins. */
  @Override
  protected UserStore createUserStore() {
    return stores.users();
  }
}
