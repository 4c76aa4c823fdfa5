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
 * The AuthorizationCodeStore contract on a real PostgreSQL (embedded binaries), one schema per
 * class.
 */
final class PostgresAuthorizationCodeStoreContractTest extends AuthorizationCodeStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

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
