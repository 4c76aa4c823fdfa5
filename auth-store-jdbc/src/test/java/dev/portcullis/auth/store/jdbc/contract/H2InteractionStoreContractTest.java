package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcInteractionStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.InteractionStoreContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The InteractionStore contract on an in-memory H2 database in PostgreSQL mode, one per class. */
final class H2InteractionStoreContractTest extends InteractionStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected InteractionStore createInteractionStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).interactions();
  }

  @Override
  protected OptionalLong storedInteractions(InteractionStore store) {
    return OptionalLong.of(((JdbcInteractionStore) store).storedInteractions());
  }
}
