package dev.portcullis.auth.core.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The one loader of Portcullis settings, for the library and the server. Sources, each over the one
 * before:
 *
 * <ol>
 *   <li>every module's {@code reference.conf} (every key and its default);
 *   <li>{@code application.conf} on the class path (or {@code -Dconfig.file}, as Typesafe Config
 *       reads it);
 *   <li>a settings file ({@code --config FILE});
 *   <li>system properties ({@code -Dauth.lockout.max-attempts=3});
 *   <li>environment variables: every key {@code auth.a.b-c} that a {@code reference.conf} defines
 *       is overridden by {@code AUTH_A_B_C} ({@link SettingsReader#environmentVariable}); no {@code
 *       ${?...}} line is needed;
 *   <li>the command line ({@code --port}, {@code --data-dir} of the server).
 * </ol>
 *
 * <p>A variable's text is taken as the key's value; Typesafe Config converts it to the number,
 * boolean or duration the reader asks for. For a key whose default is a list, the variable is
 * comma-separated ({@code a, b}) or, when it starts with {@code [}, a HOCON list ({@code ["a{2,3}",
 * "b"]}) for items that contain commas. Substitutions in the files ({@code ${?HOME}}) are resolved
 * against the same environment.
 *
 * <p>Loading only reads files; it checks nothing: the settings readers report every problem, each
 * naming its key and variable. Thread-safe.
 */
public final class AuthConfig {

  /** Names that can be a HOCON path at the root, where file substitutions find them. */
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private AuthConfig() {}

  /**
   * The process's settings: every {@code reference.conf}, {@code application.conf}, system
   * properties and the process environment.
   *
   * @throws ConfigException if a file cannot be parsed
   */
  public static Config load() {
    return loader().load();
  }

  /**
   * As {@link #load()}, with {@code file} (HOCON) over {@code application.conf}.
   *
   * @throws ConfigException if the file is missing or cannot be parsed
   */
  public static Config load(Path file) {
    return loader().file(file).load();
  }

  /**
   * For tests and tools: every {@code reference.conf}, {@code overrides} (HOCON text) in place of
   * {@code application.conf}, then {@code environment} in place of the process environment. Neither
   * {@code application.conf} nor system properties are read.
   */
  public static Config load(String overrides, Map<String, String> environment) {
    return loader()
        .application(ConfigFactory.parseString(overrides))
        .systemProperties(new Properties())
        .environment(environment)
        .load();
  }

  /**
   * Only the defaults: every {@code reference.conf}, without {@code application.conf}, system
   * properties or the environment. The one source of default values, for tests and for settings
   * built in code ({@code MemoryStoreSettings.defaults()}).
   */
  public static Config defaults() {
    return load("", Map.of());
  }

  /** A loader with the process's sources, each of which can be replaced. */
  public static Loader loader() {
    return new Loader();
  }

  /**
   * Every key under {@code auth} that {@code reference} defines, as a path ({@code
   * auth.lockout.max-attempts}). Keys whose default is {@code null} count: that is how a key
   * without a default is declared.
   */
  public static List<String> keys(Config reference) {
    List<String> keys = new ArrayList<>();
    if (reference.root().get("auth") instanceof ConfigObject auth) {
      collect(List.of("auth"), auth, keys);
    }
    return keys;
  }

  /**
   * The environment layer: for every key of {@code reference} whose variable is set in {@code
   * environment}, that variable's value at that key.
   */
  public static Config environmentOverrides(Config reference, Map<String, String> environment) {
    Config overrides = ConfigFactory.empty("environment variables");
    for (String key : keys(reference)) {
      String name = SettingsReader.environmentVariable(key);
      String raw = environment.get(name);
      if (raw != null) {
        overrides = overrides.withValue(key, value(name, raw, valueOrNull(reference, key)));
      }
    }
    return overrides;
  }

  private static void collect(List<String> path, ConfigObject object, List<String> keys) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> child = new ArrayList<>(path);
      child.add(e.getKey());
      if (e.getValue() instanceof ConfigObject nested) {
        collect(child, nested, keys);
      } else {
        keys.add(ConfigUtil.joinPath(child));
      }
    }
  }

  private static ConfigValue valueOrNull(Config reference, String key) {
    try {
      return reference.getIsNull(key) ? null : reference.getValue(key);
    } catch (ConfigException.NotResolved e) {
      return null; // a leftover ${?...} line: its type is unknown until resolved
    }
  }

  /** {@code raw} typed after the reference value: a list for a list, else the text. */
  private static ConfigValue value(String name, String raw, ConfigValue reference) {
    String origin = "environment variable " + name;
    if (reference == null || reference.valueType() != ConfigValueType.LIST) {
      return ConfigValueFactory.fromAnyRef(raw, origin);
    }
    String text = raw.strip();
    if (text.startsWith("[")) {
      try {
        return ConfigFactory.parseString("v = " + text, ConfigParseOptions.defaults())
            .getList("v")
            .withOrigin(ConfigValueFactory.fromAnyRef("", origin).origin());
      } catch (ConfigException e) {
        // Kept as text: the reader then reports "wrong type" naming the key and the variable.
        return ConfigValueFactory.fromAnyRef(raw, origin);
      }
    }
    List<String> items =
        Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    return ConfigValueFactory.fromIterable(items, origin);
  }

  /**
   * The sources of one load; each defaults to the process's own. Not thread-safe; {@link #load()}
   * may be called more than once.
   */
  public static final class Loader {
    private ClassLoader classLoader = AuthConfig.class.getClassLoader();
    private Config application;
    private Path file;
    private Properties systemProperties;
    private Map<String, String> environment;
    private Map<String, Object> commandLine = Map.of();

    private Loader() {}

    /** Where {@code reference.conf} and {@code application.conf} are found. */
    public Loader classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /** Replaces {@code application.conf} (tests; {@code ConfigFactory.empty()} for none). */
    public Loader application(Config application) {
      this.application = Objects.requireNonNull(application, "application");
      return this;
    }

    /** A HOCON file over {@code application.conf}; null for none. It must exist. */
    public Loader file(Path file) {
      this.file = file;
      return this;
    }

    /** Replaces the process's system properties. */
    public Loader systemProperties(Properties systemProperties) {
      this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
      return this;
    }

    /** Replaces the process environment. */
    public Loader environment(Map<String, String> environment) {
      this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
      return this;
    }

    /**
     * Values from the command line, by key ({@code auth.server.port}), over everything else; null
     * values are left out.
     */
    public Loader commandLine(Map<String, ?> commandLine) {
      Map<String, Object> copy = new LinkedHashMap<>();
      commandLine.forEach(
          (k, v) -> {
            if (v != null) {
              copy.put(k, v);
            }
          });
      this.commandLine = copy;
      return this;
    }

    /**
     * The resolved settings.
     *
     * @throws ConfigException if a file is missing or cannot be parsed, or a substitution in it
     *     cannot be resolved
     */
    public Config load() {
      Map<String, String> env = environment != null ? environment : System.getenv();
      Config reference = ConfigFactory.parseResourcesAnySyntax(classLoader, "reference");
      Config app =
          application != null ? application : ConfigFactory.defaultApplication(classLoader);
      Config fromFile =
          file == null
              ? ConfigFactory.empty()
              : ConfigFactory.parseFile(
                  file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      Config system =
          ConfigFactory.parseProperties(
              systemProperties != null ? systemProperties : snapshot(System.getProperties()),
              ConfigParseOptions.defaults().setOriginDescription("system properties"));
      Config stack =
          ConfigFactory.parseMap(commandLine, "command line")
              .withFallback(environmentOverrides(reference, env))
              .withFallback(system)
              .withFallback(fromFile)
              .withFallback(app)
              .withFallback(reference);
      // Substitutions look in the settings first, then in the environment (not the process's when
      // another was given, so tests see exactly the map they pass). The variables sit at the root
      // only while resolving.
      Config variables = ConfigFactory.parseMap(validNames(env), "environment variables");
      ConfigObject root =
          stack
              .withFallback(variables)
              .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false))
              .root();
      for (String name : variables.root().keySet()) {
        if (!stack.root().containsKey(name)) {
          root = root.withoutKey(name);
        }
      }
      return root.toConfig();
    }

    private static Properties snapshot(Properties live) {
      Properties copy = new Properties();
      synchronized (live) {
        copy.putAll(live);
      }
      return copy;
    }

    private static Map<String, String> validNames(Map<String, String> env) {
      Map<String, String> valid = new LinkedHashMap<>();
      env.forEach(
          (k, v) -> {
            if (ENV_NAME.matcher(k).matches()) {
              valid.put(k, v);
            }
          });
      return valid;
    }
  }
}
