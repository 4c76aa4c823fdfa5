package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.jwt.JwtSettings;

/**
 * Reads {@code auth.token.*} together with every other area, once per start. Registered in {@code
 * META-INF/services}; it reads settings only (key files are loaded by {@code JwtModule}).
 */
public final class JwtSettingsSection implements SettingsSection<JwtSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public JwtSettingsSection() {}

  @Override
  public Class<JwtSettings> type() {
    return JwtSettings.class;
  }

  @Override
  public JwtSettings read(SettingsReader reader) {
    return JwtSettingsReader.read(reader);
  }
}
