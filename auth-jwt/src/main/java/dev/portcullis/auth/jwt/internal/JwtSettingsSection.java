package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.jwt.JwtSettings;

/**
 * Validates {@code auth.token.*} together with the core settings, so one start-up reports every
 * problem at once. Registered in {@code META-INF/services}; it only reads and never generates keys.
 */
public final class JwtSettingsSection implements SettingsSection {

  /** Required by {@link java.util.ServiceLoader}. */
  public JwtSettingsSection() {}

  @Override
  public void validate(SettingsReader reader) {
    JwtSettings.read(reader, false);
  }
}
