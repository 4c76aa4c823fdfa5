package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.contract.FactorStoreContract;

final class MemoryFactorStoreTest extends FactorStoreContract {

  @Override
  protected FactorStore createFactorStore() {
    return MemoryStores.factorStore();
  }
}
