package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcResetTokenStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.ResetTokenStoreContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The ResetTokenStore contract on a real PostgreSQL (embedded binaries), one schema per class. */
final class PostgresResetTokenStoreContractTest extends ResetTokenStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected ResetTokenStore createResetTokenStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).resetTokens();
  }

  @Override
  protected OptionalLong storedTokens(ResetTokenStore store) {
    JdbcResetTokenStore s = (JdbcResetTokenStore) store;
    s.purge(clock.instant());
    return OptionalLong.of(s.storedTokens());
  }
}
