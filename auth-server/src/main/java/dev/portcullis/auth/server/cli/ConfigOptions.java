package dev.portcullis.auth.server.cli;

import com.typesafe.config.Config;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.internal.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --data-dir}, shared by every command. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "HOCON settings file (over the defaults; AUTH_... variables still apply).")
  Path config;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory: embedded database and development keys (default ./data).")
  Path dataDir;

  /** The resolved configuration with the command line's values on top. */
  Config load(Main main, Integer port) {
    return ServerConfig.withOverrides(ServerConfig.load(config, main.environment()), port, dataDir);
  }

  /** The service's wiring for an admin command (no HTTP, a small pool, no purge thread). */
  PortcullisServer tool(Main main) {
    return PortcullisServer.builder().config(load(main, null)).tool().build();
  }
}
