package dev.portcullis.auth.core.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads Portcullis settings: an optional application file over the {@code reference.conf} of every
 * module on the class path, with {@code ${?AUTH_...}} overrides taken from the environment.
 */
public final class AuthConfig {

  private AuthConfig() {}

  /**
   * The standard stack: system properties, {@code application.conf}, every {@code reference.conf},
   * resolved against the process environment.
   */
  public static Config load() {
    return ConfigFactory.load();
  }

  /**
   * The defaults of every module with {@code overrides} (HOCON text) on top, resolved against
   * {@code environment} instead of the process environment: for tests and tools.
   */
  public static Config load(String overrides, Map<String, String> environment) {
    Config unresolved =
        ConfigFactory.parseString(overrides)
            .withFallback(ConfigFactory.parseResourcesAnySyntax("reference"));
    return resolve(unresolved, environment);
  }

  /** A file (HOCON) over the defaults, resolved against the process environment. */
  public static Config load(Path file) {
    Config unresolved =
        ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false))
            .withFallback(ConfigFactory.parseResourcesAnySyntax("reference"));
    return resolve(unresolved, System.getenv());
  }

  private static Config resolve(Config unresolved, Map<String, String> environment) {
    // The variables sit beside 'auth' at the root, where ${?AUTH_...} finds them; the process
    // environment is not consulted, so tests see exactly the map they pass.
    Config env = ConfigFactory.parseMap(environment, "environment variables");
    return env.withFallback(unresolved)
        .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
  }
}
