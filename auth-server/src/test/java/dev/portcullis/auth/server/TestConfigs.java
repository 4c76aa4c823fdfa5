package dev.portcullis.auth.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.core.settings.AuthConfig;
import java.util.Map;

/** Configurations for tests: environment test, fast hashing, loopback only. */
public final class TestConfigs {
  private TestConfigs() {}

  /** Settings every test server shares (cheap argon2: tests measure behaviour, not cost). */
  public static final String BASE =
      String.join(
          "\n",
          "auth.environment = test",
          "auth.hashing.argon2.memory-kib = 1024",
          "auth.hashing.argon2.iterations = 1",
          "auth.server.host = \"127.0.0.1\"",
          "auth.server.port = 0",
          "auth.server.shutdown-timeout = 10s",
          "auth.reset.link-template = \"https://app.example.com/reset-password?token={token}\"");

  /** {@link #BASE}, then {@code hocon}, over every reference.conf; no process environment. */
  public static Config config(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.parseString(BASE))
        .withFallback(AuthConfig.load("", Map.of()))
        .resolve();
  }

  /** Environment variables with the same fast settings, for command-line tests. */
  public static Map<String, String> environment(String... extra) {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    env.put("AUTH_ENVIRONMENT", "test");
    env.put("AUTH_HASHING_ARGON2_MEMORY_KIB", "1024");
    env.put("AUTH_HASHING_ARGON2_ITERATIONS", "1");
    env.put("AUTH_RESET_LINK_TEMPLATE", "https://app.example.com/reset-password?token={token}");
    for (int i = 0; i < extra.length; i += 2) {
      env.put(extra[i], extra[i + 1]);
    }
    return env;
  }
}
