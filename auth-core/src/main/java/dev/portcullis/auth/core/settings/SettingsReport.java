package dev.portcullis.auth.core.settings;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * One reading of every area of the settings: the core's and each {@link SettingsSection} on the
 * class path, all through one {@link SettingsReader}. It holds the areas that read without a
 * problem, and every problem and warning of every area. {@link #settings()} turns it into the
 * {@link PortcullisSettings} that modules take, or throws every problem at once; a tool that
 * diagnoses ({@code doctor}) can also use the areas that did read.
 *
 * <p>Immutable and thread-safe.
 */
public final class SettingsReport {

  private final Environment environment;
  private final Map<Class<?>, Object> areas;
  private final List<ConfigProblem> problems;
  private final List<String> warnings;

  private SettingsReport(
      Environment environment,
      Map<Class<?>, Object> areas,
      List<ConfigProblem> problems,
      List<String> warnings) {
    this.environment = environment;
    this.areas = Map.copyOf(areas);
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  /** Reads every area of {@code config} once; never throws for a setting. */
  public static SettingsReport read(Config config) {
    return read(config, HostResources.current());
  }

  /** As {@link #read(Config)}, judging the hashing limits against {@code host}. */
  public static SettingsReport read(Config config, HostResources host) {
    return read(config, host, System.getenv());
  }

  /**
   * As {@link #read(Config, HostResources)}, with {@code environment} as the environment variables
   * that settings name ({@link SettingsReader#environmentValue}): the map the configuration was
   * loaded with ({@link AuthConfig.Loader#environment}).
   */
  public static SettingsReport read(
      Config config, HostResources host, Map<String, String> environment) {
    SettingsReader reader = new SettingsReader(config, environment);
    reader.read(AuthSettings.class, r -> AuthSettings.read(r, host));
    List<SettingsSection<?>> sections = new ArrayList<>();
    for (SettingsSection<?> section : ServiceLoader.load(SettingsSection.class)) {
      read(reader, section);
      sections.add(section);
    }
    // Rules across areas run once every area is read, so each sees the others' typed values.
    for (SettingsSection<?> section : sections) {
      reader.read(
          r -> {
            section.check(r);
            return Boolean.TRUE;
          });
    }
    return new SettingsReport(
        reader.environment(), reader.areas(), reader.problems(), reader.warnings());
  }

  private static <T> void read(SettingsReader reader, SettingsSection<T> section) {
    reader.read(section.type(), section::read);
  }

  /**
   * The settings every module takes.
   *
   * @throws ConfigurationException listing every problem of every area at once
   */
  public PortcullisSettings settings() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new PortcullisSettings(find(AuthSettings.class).orElseThrow(), areas, warnings);
  }

  /** The environment read, {@code development} when {@code auth.environment} itself is invalid. */
  public Environment environment() {
    return environment;
  }

  /**
   * The settings of an area that read without a problem, or of a part read on its own ({@link
   * SettingsReader#read(Class, java.util.function.Function)}).
   */
  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(areas.get(type)).map(type::cast);
  }

  /** Every problem of every area, in the order found. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Every warning of every area. */
  public List<String> warnings() {
    return warnings;
  }
}
