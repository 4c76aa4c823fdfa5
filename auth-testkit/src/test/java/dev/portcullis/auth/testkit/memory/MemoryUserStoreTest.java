package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.UserStoreContract;

final class MemoryUserStoreTest extends UserStoreContract {

  @Override
  protected UserStore createUserStore(MutableClock clock) {
    return MemoryStores.userStore();
  }
}
