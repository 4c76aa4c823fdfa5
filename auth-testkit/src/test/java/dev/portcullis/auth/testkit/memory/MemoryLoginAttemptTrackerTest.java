package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryLoginAttemptTracker;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.LoginAttemptTrackerContract;
import java.util.OptionalLong;

final class MemoryLoginAttemptTrackerTest extends LoginAttemptTrackerContract {

  @Override
  protected LoginAttemptTracker createTracker(LockoutPolicy policy, MutableClock clock) {
    return MemoryStores.loginAttemptTracker(policy, clock);
  }

  @Override
  protected OptionalLong storedKeys(LoginAttemptTracker tracker) {
    return OptionalLong.of(((MemoryLoginAttemptTracker) tracker).size());
  }
}
