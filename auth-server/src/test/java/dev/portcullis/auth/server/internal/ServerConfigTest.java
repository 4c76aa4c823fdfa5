package dev.portcullis.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.jwt.JwtKey;
import dev.portcullis.auth.jwt.SigningKeys;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ServerConfigTest {

  @TempDir Path dataDir;

  private Config config(String hocon) {
    return ServerConfig.withOverrides(TestConfigs.config(hocon), null, dataDir);
  }

  /** The settings of {@code hocon}, read once, with what the data directory provides. */
  private ServerConfig.Prepared prepare(String hocon, boolean createFiles) {
    return ServerConfig.prepare(Wiring.settings(config(hocon)), createFiles, Instant.now());
  }

  private static SigningKeys.Key activeKey(ServerConfig.Prepared p) {
    return ((SigningKeys.Configured) p.settings().jwt().signingKeys()).active();
  }

  @Test
  void withoutJdbcUrl_usesTheEmbeddedH2DatabaseInMixedMode() {
    JdbcStoreSettings jdbc = prepare("", true).settings().jdbc();
    assertThat(jdbc.url())
        .startsWith("jdbc:h2:file:" + dataDir.resolve("portcullis"))
        .contains("MODE=PostgreSQL")
        .contains("AUTO_SERVER=TRUE");
    assertThat(jdbc.migrateOnStart()).isTrue();
  }

  @Test
  void aConfiguredJdbcUrl_isKept() {
    JdbcStoreSettings jdbc =
        prepare("auth.store.jdbc.url = \"jdbc:postgresql://db:5432/auth\"", true).settings().jdbc();
    assertThat(jdbc.url()).isEqualTo("jdbc:postgresql://db:5432/auth");
    assertThat(jdbc.migrateOnStart()).isFalse();
  }

  @Test
  void developmentKeys_areGeneratedOnce_ownerOnly_andReused() throws Exception {
    ServerConfig.Prepared first = prepare("", true);
    Path key = dataDir.resolve("keys/token-rs256.pem");
    assertThat(activeKey(first))
        .isEqualTo(
            new SigningKeys.File(
                "auth.token.private-key-file", key, JwsAlgorithm.RS256, null, true, null));
    assertThat(first.notes()).anySatisfy(n -> assertThat(n).contains("generated"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())))
        .isEqualTo("rwx------");
    String content = Files.readString(key);

    ServerConfig.Prepared second = prepare("", true);
    assertThat(second.notes()).noneSatisfy(n -> assertThat(n).contains("generated"));
    assertThat(Files.readString(key)).isEqualTo(content);
  }

  @Test
  void explicitSharedSecretAlgorithm_getsASecretFile_withAKeyIdThatIsNotTheSecret()
      throws Exception {
    SigningKeys.Key active = activeKey(prepare("auth.token.algorithm = HS256", true));
    Path file = dataDir.resolve("keys/token-hs256.secret");
    String secret = Files.readString(file).strip();
    JwtKey key = ((SigningKeys.Secret) active).key();
    assertThat(key.verificationKey().getEncoded())
        .isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
    assertThat(key.keyId()).startsWith("dev-").doesNotContain(secret);
  }

  @Test
  void developmentKey_isRs256With2048BitsAndExponent65537() {
    prepare("", true);

    JwtKey key = DevKeys.load(dataDir.resolve("keys/token-rs256.pem"), JwsAlgorithm.RS256);
    RSAPublicKey rsa = (RSAPublicKey) key.verificationKey();
    assertThat(rsa.getModulus().bitLength())
        .isEqualTo(DevKeys.DEVELOPMENT_RSA_BITS)
        .isEqualTo(2048);
    assertThat(rsa.getPublicExponent()).isEqualTo(BigInteger.valueOf(65537));
  }

  @Test
  void anEdDsaDevelopmentKeyOfAnEarlierVersion_isNamedAsNoLongerUsed() throws Exception {
    Path former = dataDir.resolve("keys/token-eddsa.pem");
    DevKeys.generate(former, JwsAlgorithm.EDDSA, false);

    ServerConfig.Prepared p = prepare("", true);

    assertThat(activeKey(p))
        .isEqualTo(
            new SigningKeys.File(
                "auth.token.private-key-file",
                dataDir.resolve("keys/token-rs256.pem"),
                JwsAlgorithm.RS256,
                null,
                true,
                null));
    assertThat(p.notes())
        .anySatisfy(
            n ->
                assertThat(n).contains(former.toString()).contains("auth.token.algorithm = EdDSA"));
    assertThat(prepare("auth.token.algorithm = EdDSA", true).notes())
        .noneSatisfy(n -> assertThat(n).contains("no longer used"));
  }

  @Test
  void aConfiguredNextKey_isKeptBesideTheDevelopmentKey() throws Exception {
    Path next = dataDir.resolve("next.pem");
    DevKeys.generate(next, JwsAlgorithm.RS256, false);

    ServerConfig.Prepared p =
        prepare("auth.token.next-key.private-key-file = \"" + next + "\"", true);

    SigningKeys.Configured keys = (SigningKeys.Configured) p.settings().jwt().signingKeys();
    assertThat(keys.next()).isPresent();
    assertThat(keys.load(dev.portcullis.auth.jwt.KeyFiles.system()).upcoming())
        .singleElement()
        .satisfies(k -> assertThat(k.canSign()).isFalse());
  }

  @Test
  void configuredKeys_orStrictEnvironments_getNoDevelopmentKey() {
    prepare(
        "auth.token.algorithm = HS256\n"
            + "auth.token.secret-key = \"a-configured-secret-of-enough-bytes-0123\"",
        true);
    assertThatThrownBy(() -> prepare("auth.environment = staging", true))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("auth.token.private-key-file");
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void doctorMode_createsNothing() {
    prepare("", false);
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }

  @Test
  void looseKeyPermissions_areReportedWithoutChanging_andMadeOwnerOnlyAtStart() throws Exception {
    prepare("", true);
    Path key = dataDir.resolve("keys/token-rs256.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(prepare("", false).warnings()).anySatisfy(w -> assertThat(w).contains("chmod 600"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-r--r--");

    ServerConfig.Prepared start = prepare("", true);
    assertThat(start.warnings())
        .anySatisfy(w -> assertThat(w).contains(key + " rw-r--r--").contains("owner-only"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }
}
