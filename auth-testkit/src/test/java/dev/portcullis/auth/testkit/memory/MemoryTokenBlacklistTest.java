package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.store.memory.internal.MemoryTokenBlacklist;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.TokenBlacklistContract;
import java.util.OptionalLong;

final class MemoryTokenBlacklistTest extends TokenBlacklistContract {

  @Override
  protected TokenBlacklist createBlacklist(MutableClock clock) {
    return MemoryStores.tokenBlacklist(clock);
  }

  @Override
  protected OptionalLong storedEntries(TokenBlacklist blacklist) {
    return OptionalLong.of(((MemoryTokenBlacklist) blacklist).size());
  }
}
