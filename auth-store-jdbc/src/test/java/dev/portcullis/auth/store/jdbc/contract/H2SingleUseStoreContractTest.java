package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcSingleUseStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SingleUseStoreContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SingleUseStore contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2SingleUseStoreContractTest extends SingleUseStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected SingleUseStore createSingleUseStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).singleUse();
  }

  @Override
  protected OptionalLong storedKeys(SingleUseStore store) {
    JdbcSingleUseStore s = (JdbcSingleUseStore) store;
    s.purge(clock.instant());
    return OptionalLong.of(s.storedKeys());
  }
}
