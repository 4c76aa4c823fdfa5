package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryResetTokenStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.ResetTokenStoreContract;
import java.util.OptionalLong;

final class MemoryResetTokenStoreTest extends ResetTokenStoreContract {

  @Override
  protected ResetTokenStore createResetTokenStore(MutableClock clock) {
    return MemoryStores.resetTokenStore(clock);
  }

  @Override
  protected OptionalLong storedTokens(ResetTokenStore store) {
    return OptionalLong.of(((MemoryResetTokenStore) store).size());
  }
}
