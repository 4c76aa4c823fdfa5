package dev.portcullis.auth.core.settings;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every module's settings, read once ({@link SettingsReport}): the core's ({@link AuthSettings})
 * and each {@link SettingsSection} on the class path ({@code JwtSettings}, {@code
 * MemoryStoreSettings}, {@code JdbcStoreSettings}, {@code ServerSettings}), all through one {@link
 * SettingsReader}. Modules take their area from here, so nothing reads a key a second time.
 *
 * <pre>{@code
 * PortcullisSettings settings = PortcullisSettings.load(AuthConfig.load());
 * Injector injector = Guice.createInjector(
 *     new AuthModule(settings), new MemoryStoreModule(settings), new JwtModule(settings));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PortcullisSettings {

  private final AuthSettings core;
  private final Map<Class<?>, Object> areas;
  private final List<String> warnings;

  PortcullisSettings(AuthSettings core, Map<Class<?>, Object> areas, List<String> warnings) {
    this.core = Objects.requireNonNull(core, "core");
    Map<Class<?>, Object> copy = new LinkedHashMap<>(areas);
    copy.remove(AuthSettings.class);
    this.areas = Map.copyOf(copy);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Reads every area of {@code config} once.
   *
   * @throws ConfigurationException listing every problem of every area at once
   */
  public static PortcullisSettings load(Config config) {
    return load(config, HostResources.current());
  }

  /**
   * As {@link #load(Config)}, judging the hashing limits against {@code host} instead of the
   * running JVM.
   *
   * @throws ConfigurationException listing every problem of every area at once
   */
  public static PortcullisSettings load(Config config, HostResources host) {
    return SettingsReport.read(config, host).settings();
  }

  /**
   * As {@link #load(Config)}, with {@code environment} in place of the process environment for the
   * variables that settings name ({@link SettingsReader#environmentValue}); pass the map the
   * configuration was loaded with.
   *
   * @throws ConfigurationException listing every problem of every area at once
   */
  public static PortcullisSettings load(Config config, Map<String, String> environment) {
    return SettingsReport.read(config, HostResources.current(), environment).settings();
  }

  /** The core's settings. */
  public AuthSettings core() {
    return core;
  }

  /** The environment every area was read for. */
  public Environment environment() {
    return core.environment();
  }

  /**
   * The settings of the area whose type is {@code type}.
   *
   * @throws IllegalStateException if no {@link SettingsSection} of that type is on the class path
   */
  public <T> T get(Class<T> type) {
    return find(type)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no settings of type "
                        + type.getName()
                        + ": the module that reads them is not on the class path (its"
                        + " META-INF/services/"
                        + SettingsSection.class.getName()
                        + " registers it)"));
  }

  /**
   * The settings of the area whose type is {@code type}, if a module on the class path reads it.
   */
  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(areas.get(type)).map(type::cast);
  }

  /**
   * These settings with {@code value} in place of its area's (the server fills in what its data
   * directory provides; tools adjust pool sizes).
   */
  public <T> PortcullisSettings with(Class<T> type, T value) {
    Objects.requireNonNull(value, "value");
    if (type == AuthSettings.class) {
      return new PortcullisSettings((AuthSettings) value, areas, warnings);
    }
    Map<Class<?>, Object> copy = new LinkedHashMap<>(areas);
    copy.put(type, value);
    return new PortcullisSettings(core, copy, warnings);
  }

  /** Every warning of every area, for the start-up log. */
  public List<String> warnings() {
    return warnings;
  }

  @Override
  public String toString() {
    // Names only: the areas' own toString decide what may be printed.
    return "PortcullisSettings[environment="
        + environment().value()
        + ", areas="
        + areas.keySet().stream().map(Class::getSimpleName).toList()
        + "]";
  }
}
