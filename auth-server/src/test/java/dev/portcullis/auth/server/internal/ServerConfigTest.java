package dev.portcullis.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ServerConfigTest {

  @TempDir Path dataDir;

  private Config config(String hocon) {
    return ServerConfig.withOverrides(TestConfigs.config(hocon), null, dataDir);
  }

  @Test
  void withoutJdbcUrl_usesTheEmbeddedH2DatabaseInMixedMode() {
    Config c = ServerConfig.prepare(config(""), true, Instant.now()).config();
    String url = c.getString("auth.store.jdbc.url");
    assertThat(url)
        .startsWith("jdbc:h2:file:" + dataDir.resolve("portcullis"))
        .contains("MODE=PostgreSQL")
        .contains("AUTO_SERVER=TRUE");
    assertThat(c.getBoolean("auth.store.jdbc.migrate-on-start")).isTrue();
  }

  @Test
  void aConfiguredJdbcUrl_isKept() {
    Config c =
        ServerConfig.prepare(
                config("auth.store.jdbc.url = \"jdbc:postgresql://db:5432/auth\""),
                true,
                Instant.now())
            .config();
    assertThat(c.getString("auth.store.jdbc.url")).isEqualTo("jdbc:postgresql://db:5432/auth");
    assertThat(c.getBoolean("auth.store.jdbc.migrate-on-start")).isFalse();
  }

  @Test
  void developmentKeys_areGeneratedOnce_ownerOnly_andReused() throws Exception {
    ServerConfig.Prepared first = ServerConfig.prepare(config(""), true, Instant.now());
    Path key = dataDir.resolve("keys/token-eddsa.pem");
    assertThat(first.config().getString("auth.token.algorithm")).isEqualTo("EdDSA");
    assertThat(first.config().getString("auth.token.private-key-file")).isEqualTo(key.toString());
    assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("generated"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())))
        .isEqualTo("rwx------");
    String content = Files.readString(key);

    ServerConfig.Prepared second = ServerConfig.prepare(config(""), true, Instant.now());
    assertThat(second.notes()).noneSatisfy(n -> assertThat(n).contains("generated"));
    assertThat(Files.readString(key)).isEqualTo(content);
  }

  @Test
  void explicitSharedSecretAlgorithm_getsASecretFile_withAKeyIdThatIsNotTheSecret()
      throws Exception {
    Config c =
        ServerConfig.prepare(config("auth.token.algorithm = HS256"), true, Instant.now()).config();
    Path file = dataDir.resolve("keys/token-hs256.secret");
    String secret = Files.readString(file).strip();
    assertThat(c.getString("auth.token.secret-key")).isEqualTo(secret);
    assertThat(c.getString("auth.token.key-id")).startsWith("dev-").doesNotContain(secret);
  }

  @Test
  void configuredKeys_orStrictEnvironments_getNoDevelopmentKey() {
    ServerConfig.prepare(
        config("auth.token.secret-key = \"a-configured-secret-of-enough-bytes-0123\""),
        true,
        Instant.now());
    ServerConfig.prepare(config("auth.environment = staging"), true, Instant.now());
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void doctorMode_createsNothing() {
    ServerConfig.prepare(config(""), false, Instant.now());
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void looseKeyPermissions_areReportedWithoutChanging_andMadeOwnerOnlyAtStart() throws Exception {
    ServerConfig.prepare(config(""), true, Instant.now());
    Path key = dataDir.resolve("keys/token-eddsa.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(ServerConfig.prepare(config(""), false, Instant.now()).warnings())
        .anySatisfy(w -> assertThat(w).contains("chmod 600"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-r--r--");

    ServerConfig.Prepared start = ServerConfig.prepare(config(""), true, Instant.now());
    assertThat(start.warnings())
        .anySatisfy(w -> assertThat(w).contains(key + " rw-r--r--").contains("owner-only"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }
}
