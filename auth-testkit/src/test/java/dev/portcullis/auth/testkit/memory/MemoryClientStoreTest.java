package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.ClientStoreContract;

final class MemoryClientStoreTest extends ClientStoreContract {

  @Override
  protected ClientStore createClientStore(MutableClock clock) {
    return MemoryStores.clientStore();
  }
}
