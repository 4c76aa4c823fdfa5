package dev.portcullis.auth.store.jdbc.contract;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.MfaChallengeStoreContract;
import java.time.Instant;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The MfaChallengeStore contract on a real PostgreSQL (embedded binaries), one schema per class.
 */
final class PostgresMfaChallengeStoreContractTest extends MfaChallengeStoreContract {

  @RegisterExtension static final TestDatabase DB = TestDatabase.postgres();

  @Override
  protected MfaChallengeStore createMfaChallengeStore() {
    return DB.fresh(
            MutableClock.at(Instant.parse("2030-01-01T00:00:00Z")), LockoutPolicy.defaults())
        .mfaChallenges();
  }
}
