package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.store.jdbc.testsupport.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code channelBinding=require} in a JDBC URL is how an operator pins SCRAM with channel binding
 * against a man in the middle. The driver must refuse every server that lets the client in without
 * it. The PostgreSQL JDBC 42.7.5 this project shipped connected silently both to a server that
 * asked for no SCRAM at all (CVE-2025-49146, fixed in 42.7.7) and, through 42.7.11, to one whose
 * certificate algorithm has no channel-binding hash, falling back to plain SCRAM (CVE-2026-54291,
 * fixed in 42.7.12).
 */
final class ChannelBindingTest {
  private static final String ROLE = "channel_binding_app";
  private static final String ROLE_PASSWORD = "test-only-password";

  @TempDir Path keys;

  @Test
  void channelBindingRequired_refusesAServerThatAuthenticatesWithoutScram() {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.shared();
    Properties props = new Properties();
    props.setProperty("user", EmbeddedPostgresServer.USER);
    props.setProperty("channelBinding", "require");
    props.setProperty("sslmode", "disable");

    assertThatThrownBy(() -> connect(server.jdbcUrl(), props))
        .isInstanceOf(SQLException.class)
        .hasMessageContainingAll("hannel binding", "required");
  }

  @Test
  void channelBindingRequired_refusesPlainScram_whenTheCertificateHasNoBindingHash()
      throws Exception {
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
      serveTlsWithAnEd25519CertificateAndScram(server);
      Properties props = new Properties();
      props.setProperty("user", ROLE);
      props.setProperty("password", ROLE_PASSWORD);
      props.setProperty("sslmode", "require");

      // Without the requirement the same server takes the login, over TLS.
      try (Connection c = DriverManager.getConnection(server.jdbcUrl(), props);
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBoolean(1)).isTrue();
      }

      props.setProperty("channelBinding", "require");
      assertThatThrownBy(() -> connect(server.jdbcUrl(), props))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("hannel binding");
    }
  }

  /**
   * Ed25519 has no hash for {@code tls-server-end-point} (RFC 5929), so no channel binding can be
   * derived from this certificate: exactly what a man in the middle would present.
   */
  private void serveTlsWithAnEd25519CertificateAndScram(EmbeddedPostgresServer server)
      throws Exception {
    Path keyStore = keys.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "Ed25519",
                "-alias",
                "server",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "test-only")
            .redirectErrorStream(true)
            .start();
    String keytoolOutput;
    try (InputStream out = keytool.getInputStream()) {
      keytoolOutput = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0)
        .as("keytool: %s", keytoolOutput)
        .isTrue();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, "test-only".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("server", "test-only".toCharArray());
    Certificate certificate = store.getCertificate("server");

    try (Connection c = server.dataSource().getConnection();
        Statement s = c.createStatement()) {
      Path dataDir = Path.of(show(s, "data_directory"));
      UserPrincipal serverUser = Files.getOwner(dataDir);
      writeOwnerOnly(dataDir.resolve("server.crt"), pem("CERTIFICATE", certificate.getEncoded()));
      writeOwnerOnly(dataDir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
      Files.setOwner(dataDir.resolve("server.crt"), serverUser);
      Files.setOwner(dataDir.resolve("server.key"), serverUser);
      Files.writeString(
          Path.of(show(s, "hba_file")),
          "hostssl all "
              + ROLE
              + " 127.0.0.1/32 scram-sha-256\n"
              + "host all "
              + EmbeddedPostgresServer.USER
              + " 127.0.0.1/32 trust\n");
      s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE_PASSWORD + "'");
      s.execute("ALTER SYSTEM SET ssl = on");
      s.execute("SELECT pg_reload_conf()");
    }
    server.restart();
  }

  private static String show(Statement s, String setting) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void writeOwnerOnly(Path file, String content) throws IOException {
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void connect(String url, Properties props) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, props)) {
      c.isValid(1);
    }
  }
}
