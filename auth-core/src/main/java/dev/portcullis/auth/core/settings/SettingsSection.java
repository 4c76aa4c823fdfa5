package dev.portcullis.auth.core.settings;

/**
 * A module's area of the settings ({@code auth.token}, {@code auth.server}, {@code
 * auth.store.jdbc}...), read by {@link PortcullisSettings#load} through the same {@link
 * SettingsReader} as the core's, so that one start-up reads every key once and reports every
 * problem of every module at once.
 *
 * <p>Modules register an implementation in {@code
 * META-INF/services/dev.portcullis.auth.core.settings.SettingsSection}. Implementations need a
 * public no-argument constructor, and {@link #read} only reads and records problems: it opens no
 * file, socket or thread (key files are loaded later, by the module's provider).
 *
 * @param <T> the area's typed settings
 */
public interface SettingsSection<T> {

  /** The type of this area's settings, under which {@link PortcullisSettings#get} finds them. */
  Class<T> type();

  /**
   * Reads this area's keys through {@code reader}, recording every problem there; what it returns
   * is used only when no problem was recorded ({@link SettingsReader#read}).
   */
  T read(SettingsReader reader);

  /**
   * Checks rules that span areas, after every area was read ({@link SettingsReport#read}), so that
   * they are reported at start with every other problem (the authorization server needs an issuer
   * URL and asymmetric keys from {@code auth.token}). Called whether or not this area read without
   * a problem: {@link SettingsReader#area} finds the areas (and parts) that did. Records problems
   * and warnings in {@code reader}, and should skip a key that already has one ({@link
   * SettingsReader#valid}); does nothing by default.
   */
  default void check(SettingsReader reader) {}
}
