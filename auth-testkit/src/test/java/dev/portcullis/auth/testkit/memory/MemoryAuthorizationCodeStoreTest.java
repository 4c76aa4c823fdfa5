package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryAuthorizationCodeStore;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.AuthorizationCodeStoreContract;
import java.util.OptionalLong;

final class MemoryAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {

  @Override
  protected AuthorizationCodeStore createAuthorizationCodeStore(MutableClock clock) {
    return MemoryStores.authorizationCodeStore(clock);
  }

  @Override
  protected OptionalLong storedCodes(AuthorizationCodeStore store) {
    return OptionalLong.of(((MemoryAuthorizationCodeStore) store).size());
  }
}
