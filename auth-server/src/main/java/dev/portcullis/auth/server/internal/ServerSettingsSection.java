package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.server.ServerSettings;

/**
 * Validates {@code auth.server.*} together with the core and token settings, so one start-up
 * reports every problem at once. Registered in {@code META-INF/services}; it only reads.
 */
public final class ServerSettingsSection implements SettingsSection {

  /** Required by {@link java.util.ServiceLoader}. */
  public ServerSettingsSection() {}

  @Override
  public void validate(SettingsReader reader) {
    ServerSettings.read(reader);
  }
}
