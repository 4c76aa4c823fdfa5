package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.ConsentStoreContract;

final class MemoryConsentStoreTest extends ConsentStoreContract {

  @Override
  protected ConsentStore createConsentStore(MutableClock clock) {
    return MemoryStores.consentStore();
  }
}
