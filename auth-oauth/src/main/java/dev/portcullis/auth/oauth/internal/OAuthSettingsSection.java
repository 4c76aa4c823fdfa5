package dev.portcullis.auth.oauth.internal;

import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.oauth.OAuthSettings;

/**
 * Reads {@code auth.oauth.*} together with every other area, once per start, and checks what an
 * authorization server needs of {@code auth.token.*} ({@link OAuthCrossChecks}). Registered in
 * {@code META-INF/services}.
 */
public final class OAuthSettingsSection implements SettingsSection<OAuthSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public OAuthSettingsSection() {}

  @Override
  public Class<OAuthSettings> type() {
    return OAuthSettings.class;
  }

  @Override
  public OAuthSettings read(SettingsReader reader) {
    return OAuthSettingsReader.read(reader);
  }

  @Override
  public void check(OAuthSettings settings, SettingsReader reader) {
    if (settings.enabled()) {
      // Token settings with a problem of their own are already reported; nothing to add then.
      reader.area(JwtSettings.class).ifPresent(jwt -> OAuthCrossChecks.check(jwt, reader));
    }
  }
}
