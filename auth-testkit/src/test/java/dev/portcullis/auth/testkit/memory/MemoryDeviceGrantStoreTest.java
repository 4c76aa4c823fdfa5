package dev.portcullis.auth.testkit.memory;

import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.contract.DeviceGrantStoreContract;

final class MemoryDeviceGrantStoreTest extends DeviceGrantStoreContract {

  @Override
  protected DeviceGrantStore createDeviceGrantStore(MutableClock clock) {
    return MemoryStores.deviceGrantStore(clock);
  }
}
