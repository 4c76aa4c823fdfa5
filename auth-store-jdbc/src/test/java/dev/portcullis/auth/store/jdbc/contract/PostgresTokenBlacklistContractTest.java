package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.store.jdbc.internal.JdbcTokenBlacklist;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.TokenBlacklistContract;
import java.util.OptionalLong;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TokenBlacklist contract on a real PostgreSQL (embedded binaries), one schema per class. */
final class PostgresTokenBlacklistContractTest extends TokenBlacklistContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected TokenBlacklist createBlacklist(MutableClock clock) {
    return DB.fresh(clock, LockoutPolicy.defaults()).blacklist();
  }

  @Override
  protected OptionalLong storedEntries(TokenBlacklist blacklist) {
    JdbcTokenBlacklist b = (JdbcTokenBlacklist) blacklist;
    b.purge(clock.instant());
    return OptionalLong.of(b.storedEntries());
  }
}
