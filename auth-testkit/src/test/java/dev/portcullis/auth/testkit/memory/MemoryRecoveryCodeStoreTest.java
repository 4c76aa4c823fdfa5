package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.contract.RecoveryCodeStoreContract;

final class MemoryRecoveryCodeStoreTest extends RecoveryCodeStoreContract {

  @Override
  protected RecoveryCodeStore createRecoveryCodeStore() {
    return MemoryStores.recoveryCodeStore();
  }
}
