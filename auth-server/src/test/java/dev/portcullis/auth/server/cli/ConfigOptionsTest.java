package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigOptionsTest {

  @TempDir Path dir;

  private ConfigOptions options(Path file, Path dataDir) {
    ConfigOptions o = new ConfigOptions();
    o.config = file;
    o.dataDir = dataDir;
    return o;
  }

  private static Main main(Map<String, String> env) {
    return new Main(env, new ByteArrayInputStream(new byte[0]));
  }

  @Test
  void theFile_isOverriddenByTheEnvironment_andBothByTheCommandLine() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("settings.conf"),
            String.join(
                "\n",
                "auth.lockout.max-attempts = 7",
                "auth.lockout.window = 7m",
                "auth.server.port = 7001",
                "auth.server.data-dir = \"/from/file\""));
    Map<String, String> env =
        Map.of(
            "AUTH_LOCKOUT_MAX_ATTEMPTS", "9",
            "AUTH_SERVER_PORT", "9001",
            "AUTH_SERVER_DATA_DIR", "/from/env");

    Config c = options(file, dir).load(main(env), 1234);

    assertThat(c.getString("auth.lockout.window")).as("file over reference.conf").isEqualTo("7m");
    assertThat(c.getInt("auth.lockout.max-attempts")).as("environment over file").isEqualTo(9);
    assertThat(c.getInt("auth.server.port")).as("--port over environment").isEqualTo(1234);
    assertThat(c.getString("auth.server.data-dir"))
        .as("--data-dir over environment")
        .isEqualTo(dir.toString());
  }

  @Test
  void withoutCommandLineValues_theEnvironmentDecides() throws IOException {
    Path file = Files.writeString(dir.resolve("settings.conf"), "auth.server.port = 7001\n");

    Config c = options(file, null).load(main(Map.of("AUTH_SERVER_PORT", "9001")), null);

    assertThat(c.getInt("auth.server.port")).isEqualTo(9001);
  }
}
