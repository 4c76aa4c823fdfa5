package dev.portcullis.auth.oauth.internal;

import com.typesafe.config.ConfigException;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;
import dev.portcullis.auth.oauth.OAuthSettings;
import java.util.Optional;

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
  public void check(SettingsReader reader) {
    if (enabled(reader)) {
      OAuthCrossChecks.check(reader);
    }
  }

  /** {@code auth.oauth.enabled}, read again quietly: an invalid value is already a problem. */
  private static boolean enabled(SettingsReader reader) {
    Optional<OAuthSettings> read = reader.area(OAuthSettings.class);
    if (read.isPresent()) {
      return read.get().enabled();
    }
    try {
      return reader.config().getBoolean("auth.oauth.enabled");
    } catch (ConfigException e) {
      return false;
    }
  }
}
