package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.store.jdbc.internal.JdbcAuthorizationCodeStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.AuthorizationCodeStoreContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AuthorizationCodeStore contract on an in-memory H2 database in PostgreSQL mode, one per
 * class.
 */
final class H2AuthorizationCodeStoreContractTest extends AuthorizationCodeStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.h2();

  @Override
  protected AuthorizationCodeStore createAuthorizationCodeStore(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).authorizationCodes();
  }

  @Override
  protected OptionalLong storedCodes(AuthorizationCodeStore store) {
    JdbcAuthorizationCodeStore s = (JdbcAuthorizationCodeStore) store;
    s.purge(clock.instant());
    return OptionalLong.of(s.storedCodes());
  }
}
