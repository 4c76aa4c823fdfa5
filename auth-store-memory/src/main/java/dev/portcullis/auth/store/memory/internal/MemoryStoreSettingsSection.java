package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;

/**
 * Reads {@code auth.store.memory.*} together with every other area, once per start. Registered in
 * {@code META-INF/services}.
 */
public final class MemoryStoreSettingsSection implements SettingsSection<MemoryStoreSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public MemoryStoreSettingsSection() {}

  @Override
  public Class<MemoryStoreSettings> type() {
    return MemoryStoreSettings.class;
  }

  @Override
  public MemoryStoreSettings read(SettingsReader reader) {
    return MemoryStoreSettings.read(reader);
  }
}
