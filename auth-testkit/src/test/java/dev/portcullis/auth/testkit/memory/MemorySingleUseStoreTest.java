package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemorySingleUseStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.SingleUseStoreContract;
import java.util.OptionalLong;

final class MemorySingleUseStoreTest extends SingleUseStoreContract {

  @Override
  protected SingleUseStore createSingleUseStore(MutableClock clock) {
    return MemoryStores.singleUseStore(clock);
  }

  @Override
  protected OptionalLong storedKeys(SingleUseStore store) {
    return OptionalLong.of(((MemorySingleUseStore) store).size());
  }
}
