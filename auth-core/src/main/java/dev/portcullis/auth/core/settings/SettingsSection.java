package dev.portcullis.auth.core.settings;

/**
 * A module's share of the settings, validated together with the core's so that one start-up reports
 * every problem of every module at once.
 *
 * <p>Modules register an implementation in {@code
 * META-INF/services/dev.portcullis.auth.core.settings.SettingsSection}; {@link AuthSettings#load}
 * runs every section found on the class path. Implementations need a public no-argument constructor
 * and must only read and record problems, never start anything.
 */
public interface SettingsSection {

  /** Reads this section's keys through {@code reader}, recording every problem there. */
  void validate(SettingsReader reader);
}
