package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryInteractionStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.InteractionStoreContract;
import java.util.OptionalLong;

final class MemoryInteractionStoreTest extends InteractionStoreContract {

  @Override
  protected InteractionStore createInteractionStore(MutableClock clock) {
    return MemoryStores.interactionStore(clock);
  }

  @Override
  protected OptionalLong storedInteractions(InteractionStore store) {
    return OptionalLong.of(((MemoryInteractionStore) store).size());
  }
}
