package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.contract.MfaChallengeStoreContract;

final class MemoryMfaChallengeStoreTest extends MfaChallengeStoreContract {

  @Override
  protected MfaChallengeStore createMfaChallengeStore() {
    return MemoryStores.mfaChallengeStore();
  }
}
