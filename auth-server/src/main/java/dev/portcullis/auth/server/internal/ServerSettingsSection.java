package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.server.ServerSettings;

/**
 * Reads {@code auth.server.*} together with every other area, once per start. Registered in {@code
 * META-INF/services}; it only reads.
 */
public final class ServerSettingsSection implements SettingsSection<ServerSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public ServerSettingsSection() {}

  @Override
  public Class<ServerSettings> type() {
    return ServerSettings.class;
  }

  @Override
  public ServerSettings read(SettingsReader reader) {
    return ServerSettings.read(reader);
  }
}
