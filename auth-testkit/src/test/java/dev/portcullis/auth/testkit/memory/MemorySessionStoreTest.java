package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SessionStoreContract;

final class MemorySessionStoreTest extends SessionStoreContract {

  @Override
  protected SessionStore createSessionStore(MutableClock clock) {
    return MemoryStores.sessionStore(clock);
  }
}
