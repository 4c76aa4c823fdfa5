package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.AuditStoreContract;

final class MemoryAuditStoreTest extends AuditStoreContract {

  @Override
  protected AuditStore createAuditStore(MutableClock clock) {
    return MemoryStores.auditStore();
  }
}
