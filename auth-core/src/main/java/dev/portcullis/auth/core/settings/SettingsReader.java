package dev.portcullis.auth.core.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one reader of Portcullis settings: reads typed values from a {@link Config} and collects
 * every problem instead of stopping at the first, so one start-up reports all of them in one {@link
 * ConfigurationException} ({@link PortcullisSettings#load} reads every area through one reader).
 *
 * <p>An area (core, token, server, a store) is read through {@link #read(Function)}, which yields
 * its settings only when reading it recorded no problem: a failed read yields no value. Inside an
 * area a getter whose read failed returns a stand-in so that reading goes on and finds the other
 * problems; {@link #read(Function)} never lets a value built from a stand-in out, and an exception
 * that a stand-in causes (a record refusing it) is dropped as a consequence of the recorded
 * problem.
 *
 * <p>Every key {@code auth.a.b-c} is overridden by the environment variable {@code AUTH_A_B_C}
 * ({@link #environmentVariable}); {@link AuthConfig} applies that override to every key of every
 * {@code reference.conf}, and problems name both. A reader is used by one thread while settings are
 * built.
 */
public final class SettingsReader {

  /** Values that are never acceptable as secrets in staging and production, in any letter case. */
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "change-me",
          "changeme",
          "change_me",
          "secret",
          "your-secret-key",
          "your_secret_key",
          "your-secret",
          "secret-key",
          "secret_key",
          "supersecret",
          "super-secret",
          "password",
          "default",
          "test",
          "dev",
          "development",
          "example",
          "xxx",
          "todo",
          "replace-me",
          "insecure",
          "jwt-secret",
          "jwt_secret",
          "mysecret",
          "my-secret");

  private final Config config;
  private final Map<String, String> variables;
  private final Environment environment;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final Map<Class<?>, Object> areas = new LinkedHashMap<>();

  /**
   * A reader for {@code config}, whose {@code auth.environment} is read first; variables that
   * settings name ({@link #environmentValue}) come from the process environment.
   */
  public SettingsReader(Config config) {
    this(config, System.getenv());
  }

  /**
   * As {@link #SettingsReader(Config)}, with {@code variables} in place of the process environment
   * (the map the configuration was loaded with, so tests and tools see exactly that map).
   */
  public SettingsReader(Config config, Map<String, String> variables) {
    this.config = config;
    this.variables = Map.copyOf(variables);
    this.environment =
        read(
            "auth.environment",
            Environment.DEVELOPMENT,
            p -> Environment.parse(config.getString(p)),
            "use development, test, staging or production");
  }

  /**
   * Reads one area: runs {@code area} on this reader and yields its settings, or nothing when
   * reading it recorded a problem (the problems stay in this reader for the one report). An
   * exception thrown after a problem was recorded is taken as its consequence; one thrown without a
   * recorded problem is a bug and propagates, except a {@link ConfigurationException}, whose
   * problems are recorded.
   */
  public <T> Optional<T> read(Function<SettingsReader, ? extends T> area) {
    int before = problems.size();
    T value;
    try {
      value = area.apply(this);
    } catch (ConfigurationException e) {
      if (problems.size() == before) {
        problems.addAll(e.problems());
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      if (problems.size() > before) {
        return Optional.empty();
      }
      throw e;
    }
    return problems.size() > before ? Optional.empty() : Optional.of(value);
  }

  /**
   * As {@link #read(Function)}, and remembers the value under {@code type} ({@link #areas}): a part
   * of an area (the token settings' signing keys) can be read this way too, so a tool finds it even
   * when another part of its area has a problem.
   */
  public <T> Optional<T> read(Class<T> type, Function<SettingsReader, ? extends T> area) {
    Optional<T> value = read(area);
    value.ifPresent(v -> areas.put(type, v));
    return value;
  }

  /** The values read without a problem through {@link #read(Class, Function)}, by type. */
  public Map<Class<?>, Object> areas() {
    return Map.copyOf(areas);
  }

  /**
   * The settings of another area already read without a problem ({@link #read(Class, Function)}),
   * for a rule that spans areas ({@link SettingsSection#check}).
   */
  public <A> Optional<A> area(Class<A> type) {
    return Optional.ofNullable(areas.get(type)).map(type::cast);
  }

  /**
   * The value of the environment variable {@code name}, for a setting that names a variable instead
   * of holding a secret ({@code client-secret-env}); empty when unset. Never logged or quoted by
   * this reader.
   */
  public Optional<String> environmentValue(String name) {
    return Optional.ofNullable(variables.get(name));
  }

  /** The environment, {@code development} if the setting was invalid (which is then a problem). */
  public Environment environment() {
    return environment;
  }

  /** The underlying configuration. */
  public Config config() {
    return config;
  }

  /**
   * The environment variable that overrides {@code key}: {@code auth.a.b-c} gives AUTH_A_B_C. The
   * one derivation: {@link AuthConfig} reads the variable by it, and problems name it by it. A key
   * inside an element of a list ({@code auth.oauth.clients[1].client-id}) is overridden with the
   * whole list, so it gives the list's variable (AUTH_OAUTH_CLIENTS).
   */
  public static String environmentVariable(String key) {
    int element = key.indexOf('[');
    String path = element < 0 ? key : key.substring(0, element);
    return path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Words that a generated secret practically never contains (a 44-character base64 secret holds a
   * given 6-letter word with a probability below 10^-9), but that every sample value does: "your-
   * super-secret-jwt-token-with-at-least-32-characters-long", "replace-with-...".
   */
  private static final List<String> PLACEHOLDER_WORDS =
      List.of(
          "change",
          "placeholder",
          "secret",
          "password",
          "example",
          "replace",
          "insecure",
          "your-",
          "your_",
          "dummy",
          "sample");

  /** Fewest distinct characters in a secret: "aaaa..." or "abab..." is no secret. */
  private static final int MIN_DISTINCT_CHARS = 8;

  /**
   * Whether {@code value} is a well-known placeholder such as "change-me" or "secret", contains a
   * word that only sample values contain, or repeats a handful of characters.
   */
  public static boolean isPlaceholder(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(v)) {
      return true;
    }
    for (String word : PLACEHOLDER_WORDS) {
      if (v.contains(word)) {
        return true;
      }
    }
    return v.codePoints().distinct().count() < MIN_DISTINCT_CHARS;
  }

  /** A string; a missing key is a problem. */
  public String string(String key) {
    return read(key, "", config::getString, "set it to a text value");
  }

  /** A string, or empty when the key is absent or blank. */
  public Optional<String> optionalString(String key) {
    if (!config.hasPath(key)) {
      return Optional.empty();
    }
    String v = read(key, "", config::getString, "set it to a text value");
    return v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  /**
   * Whether {@code key} is set by the user (a file, a system property, a variable, the command
   * line) rather than left at its {@code reference.conf} default.
   */
  public boolean isSet(String key) {
    return config.hasPath(key)
        && !"reference.conf".equals(config.getValue(key).origin().resource());
  }

  /**
   * A list written either as a list (in a file) or as one comma-separated string (the default and
   * every environment variable): trimmed, without blanks and repeats; empty when unset.
   */
  public List<String> list(String key) {
    List<String> raw;
    if (config.hasPath(key) && config.getValue(key).valueType() == ConfigValueType.LIST) {
      raw = stringList(key);
    } else {
      raw = optionalString(key).map(s -> Arrays.asList(s.split(","))).orElse(List.of());
    }
    Set<String> out = new LinkedHashSet<>();
    for (String s : raw) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return List.copyOf(out);
  }

  /** A list of strings; a missing key is a problem. */
  public List<String> stringList(String key) {
    return read(key, List.of(), config::getStringList, "set it to a list such as [\"a\", \"b\"]");
  }

  /** A boolean; a missing key is a problem. */
  public boolean bool(String key) {
    return read(key, false, config::getBoolean, "set it to true or false");
  }

  /** An integer within {@code [min, max]}. */
  public int integer(String key, int min, int max) {
    int v = read(key, min, config::getInt, "set it to a whole number");
    if (v < min || v > max) {
      problem(key, "is " + v + ", outside " + min + ".." + max + ".", "use a value in that range");
      return min;
    }
    return v;
  }

  /** A strictly positive duration ({@code 5m}, {@code 30s}, {@code 1h}). */
  public Duration positiveDuration(String key) {
    Duration d = read(key, Duration.ofSeconds(1), config::getDuration, "write it as 30s, 5m or 1h");
    if (d.isNegative() || d.isZero()) {
      problem(key, "must be positive but is " + d.toSeconds() + " s.", "use a positive duration");
      return Duration.ofSeconds(1);
    }
    return d;
  }

  /** A duration that may be zero but not negative. */
  public Duration nonNegativeDuration(String key) {
    Duration d = read(key, Duration.ZERO, config::getDuration, "write it as 0s, 30s, 5m or 1h");
    if (d.isNegative()) {
      problem(key, "must not be negative.", "use 0s or a positive duration");
      return Duration.ZERO;
    }
    return d;
  }

  /**
   * A value parsed from a string by {@code parser}, whose {@link IllegalArgumentException} message
   * becomes the problem.
   */
  public <T> T parsed(String key, T fallback, Function<String, T> parser, String fix) {
    String raw = read(key, null, config::getString, fix);
    if (raw == null) {
      return fallback;
    }
    try {
      return parser.apply(raw);
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage() + ".", fix);
      return fallback;
    }
  }

  /**
   * A secret: empty when unset. The value is never quoted in a problem. In staging and production a
   * placeholder or a value shorter than {@code minBytes} UTF-8 bytes is a problem.
   */
  public Optional<String> secret(String key, int minBytes) {
    Optional<String> value = optionalString(key);
    value.ifPresent(v -> checkSecret(key, v, minBytes));
    return value;
  }

  /**
   * Checks {@code value}, already read from {@code key}, as {@link #secret} does: in staging and
   * production a placeholder or a value shorter than {@code minBytes} UTF-8 bytes is a problem.
   *
   * @return whether it passed
   */
  public boolean checkSecret(String key, String value, int minBytes) {
    if (!environment.strict()) {
      return true;
    }
    int length = value.getBytes(StandardCharsets.UTF_8).length;
    if (isPlaceholder(value)) {
      problem(
          key,
          "is a placeholder value, refused in " + environment.value() + ".",
          "generate a real secret: openssl rand -base64 32");
      return false;
    }
    if (length < minBytes) {
      problem(
          key,
          "is "
              + length
              + " bytes; at least "
              + minBytes
              + " are required in "
              + environment.value()
              + ".",
          "generate a longer secret: openssl rand -base64 32");
      return false;
    }
    return true;
  }

  /** Records a problem with {@code key}; the environment variable is derived from the key. */
  public void problem(String key, String problem, String fix) {
    problems.add(new ConfigProblem(key, environmentVariable(key), problem, fix));
  }

  /** Records a problem in staging and production, and a warning otherwise. */
  public void insecure(String key, String problem, String fix) {
    if (environment.strict()) {
      problem(key, problem + " This is refused in " + environment.value() + ".", fix);
    } else {
      warn(key + " (env " + environmentVariable(key) + "): " + problem + " Fix: " + fix);
    }
  }

  /** Records a warning for the log (development fills in what is missing and says so). */
  public void warn(String message) {
    warnings.add(message);
  }

  /**
   * Whether none of {@code keys} has a problem so far: a check across keys runs only on values that
   * were read, never on a stand-in.
   */
  public boolean valid(String... keys) {
    for (ConfigProblem p : problems) {
      for (String key : keys) {
        if (key.equals(p.key())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Problems found so far. */
  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /** Warnings found so far. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /**
   * Throws one exception listing every problem found, if any.
   *
   * @throws ConfigurationException listing every problem
   */
  public void throwIfProblems() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  private <T> T read(String key, T fallback, Function<String, T> getter, String fix) {
    try {
      if (!config.hasPath(key)) {
        problem(key, "is missing.", "set it in the configuration or the environment variable");
        return fallback;
      }
      return getter.apply(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      problem(key, "has the wrong type or format.", fix);
      return fallback;
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage() + ".", fix);
      return fallback;
    }
  }
}
