package dev.portcullis.auth.core.mfa.internal;

import dev.portcullis.auth.core.mfa.MfaSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.core.settings.SettingsSection;

/** Reads {@code auth.mfa.*} with every other area. Registered in {@code META-INF/services}. */
public final class MfaSettingsSection implements SettingsSection<MfaSettings> {

  /** Required by {@link java.util.ServiceLoader}. */
  public MfaSettingsSection() {}

  @Override
  public Class<MfaSettings> type() {
    return MfaSettings.class;
  }

  @Override
  public MfaSettings read(SettingsReader reader) {
    return MfaSettings.read(reader);
  }
}
