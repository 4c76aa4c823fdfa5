package dev.portcullis.auth.store.jdbc.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;

/**
 * Reads {@code auth.store.jdbc.*} together with every other area, once per start. Registered in
 * {@code META-INF/services}.
 */
public final class JdbcStoreSettingsSection implements SettingsSection<JdbcStoreSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public JdbcStoreSettingsSection() {}

  @Override
  public Class<JdbcStoreSettings> type() {
    return JdbcStoreSettings.class;
  }

  @Override
  public JdbcStoreSettings read(SettingsReader reader) {
    return JdbcStoreSettings.read(reader);
  }
}
