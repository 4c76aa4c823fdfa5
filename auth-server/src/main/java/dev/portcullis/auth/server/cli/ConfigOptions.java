package dev.portcullis.auth.server.cli;

import com.typesafe.config.Config;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.internal.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --data-dir}, shared by every command. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "HOCON settings file (over application.conf; system properties, AUTH_... variables and"
              + " the command line override it).")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: embedded database and development keys (default ./data).")
  Path dataDir;

  /**
   * The resolved configuration, in {@link AuthConfig}'s order: reference.conf, application.conf,
   * {@code --config FILE}, system properties, environment variables, then {@code --port} and {@code
   * --data-dir} (and {@code --host} for {@code serve}).
   */
  Config load(Main main, Integer port) {
    return load(main, null, port);
  }

  /** As {@link #load(Main, Integer)}, with {@code serve --host} ({@code auth.server.host}). */
  Config load(Main main, String host, Integer port) {
    return AuthConfig.loader()
        .file(config)
        .environment(main.environment())
        .commandLine(ServerConfig.commandLine(host, port, dataDir))
        .load();
  }

  /** The service's wiring for an admin command (no HTTP, a small pool, no purge thread). */
  PortcullisServer tool(Main main) {
    return tool(main, load(main, null));
  }

  /** As {@link #tool(Main)}, with {@code config} already loaded by {@link #load}. */
  PortcullisServer tool(Main main, Config config) {
    return PortcullisServer.builder().config(config).environment(main.environment()).tool().build();
  }
}
