package dev.portcullis.auth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.server.internal.EmbeddedDatabase;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 database is its owner's alone: the data directory and every file in it are
 * owner-only whatever existed before, and the port through which admin commands reach the running
 * server's database listens on loopback only and wants a generated password.
 */
final class EmbeddedDatabaseTest {

  @TempDir Path root;

  private PortcullisServer start(Path dataDir) {
    return PortcullisServer.builder()
        .config(TestConfigs.config("auth.server.store = jdbc"))
        .dataDir(dataDir)
        .requestLog(RequestLog.none())
        .build()
        .start();
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Every entry under {@code dir} (itself included) with a group or other permission bit. */
  private static List<String> openToOthers(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        if (perms.stream().anyMatch(x -> !x.name().startsWith("OWNER_"))) {
          out.add(p + " " + PosixFilePermissions.toString(perms));
        }
      }
    }
    return out;
  }

  @Test
  void aDataDirThatExistedOpenToOthers_isMadeOwnerOnly_withTheDatabaseFiles() throws Exception {
    Path dataDir = Files.createDirectory(root.resolve("data"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path notes = Files.writeString(dataDir.resolve("notes.txt"), "left here by an operator");
    Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));

    PortcullisServer server = start(dataDir);
    try {
      assertThat(mode(dataDir)).isEqualTo("rwx------");
      assertThat(mode(notes)).isEqualTo("rw-------");
      assertThat(mode(dataDir.resolve("portcullis.mv.db"))).isEqualTo("rw-------");
      assertThat(mode(dataDir.resolve("portcullis.lock.db"))).isEqualTo("rw-------");
      assertThat(mode(EmbeddedDatabase.passwordFile(dataDir))).isEqualTo("rw-------");
      assertThat(openToOthers(dataDir)).isEmpty();
      assertThat(server.warnings())
          .anySatisfy(w -> assertThat(w).contains(dataDir.toString()).contains("owner-only"));
    } finally {
      server.stop();
    }
  }

  @Test
  void aDataDirThatIsASymbolicLink_isMadeOwnerOnlyWhereItPoints() throws Exception {
    Path real = Files.createDirectory(root.resolve("real-data"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dataDir = Files.createSymbolicLink(root.resolve("data"), real);

    PortcullisServer server = start(dataDir);
    try {
      assertThat(mode(real)).isEqualTo("rwx------");
      assertThat(mode(real.resolve("portcullis.mv.db"))).isEqualTo("rw-------");
      assertThat(openToOthers(dataDir)).isEmpty();
    } finally {
      server.stop();
    }
  }

  @Test
  void theDatabasePort_listensOnLoopbackOnly_andRefusesTheEmptyPassword() throws Exception {
    Path dataDir = root.resolve("data");
    PortcullisServer server = start(dataDir);
    try {
      Properties lock = new Properties();
      try (Reader r =
          Files.newBufferedReader(
              dataDir.resolve("portcullis.lock.db"), StandardCharsets.ISO_8859_1)) {
        lock.load(r);
      }
      String address = lock.getProperty("server");
      assertThat(address).as("H2's mixed mode is on").isNotNull();
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      assertThat(listeningAddresses(port)).isNotEmpty().allSatisfy(a -> assertLoopback(a));

      String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/" + lock.getProperty("id");
      for (String user : List.of("", "sa", EmbeddedDatabase.USER)) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, "").close())
            .as("user '%s' with an empty password", user)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
      }
      String password = Files.readString(EmbeddedDatabase.passwordFile(dataDir)).strip();
      assertThat(password).hasSizeGreaterThanOrEqualTo(40);
      try (Connection c = DriverManager.getConnection(url, EmbeddedDatabase.USER, password);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.USERS")) {
        rs.next();
        assertThat(rs.getInt(1)).as("only the Portcullis user").isEqualTo(1);
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void aDatabaseLeftPasswordlessByAnEarlierVersion_getsTheGeneratedPassword() throws Exception {
    Path dataDir = root.resolve("data");
    Files.createDirectory(dataDir);
    String url = EmbeddedDatabase.url(dataDir, false);
    // H2 reads this once, at its first use in the JVM: set it as the server does before its own.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
    // What earlier versions did: the store opened the file with no user and no password.
    DriverManager.getConnection(url, "", "").close();

    PortcullisServer server = start(dataDir);
    server.stop();

    assertThatThrownBy(() -> DriverManager.getConnection(url, "", "").close())
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    String password = Files.readString(EmbeddedDatabase.passwordFile(dataDir)).strip();
    DriverManager.getConnection(url, EmbeddedDatabase.USER, password).close();
  }

  /** The local addresses (hex, as in /proc/net/tcp*) of every socket listening on {@code port}. */
  private static List<String> listeningAddresses(int port) throws IOException {
    Path v4 = Path.of("/proc/net/tcp");
    Path v6 = Path.of("/proc/net/tcp6");
    assumeTrue(Files.isReadable(v4), "needs Linux's /proc/net/tcp");
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> out = new ArrayList<>();
    for (Path table : List.of(v4, v6)) {
      if (!Files.isReadable(table)) {
        continue;
      }
      for (String line : Files.readAllLines(table).subList(1, Files.readAllLines(table).size())) {
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        boolean listening = f[3].equals("0A");
        if (listening && local[1].equals(hexPort)) {
          out.add(local[0]);
        }
      }
    }
    return out;
  }

  private static void assertLoopback(String hex) {
    // 127.0.0.1 in /proc/net/tcp (little-endian), ::ffff:127.0.0.1 or ::1 in /proc/net/tcp6.
    assertThat(hex)
        .as("listening address %s", hex)
        .isIn("0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000");
  }
}
