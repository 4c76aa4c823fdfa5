package dev.portcullis.auth.server;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.cli.Main;
import dev.portcullis.auth.server.http.RequestLog;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default: an H2 file database and development keys in the data directory, so a
 * restart keeps users and sessions valid, and admin commands work while the server runs.
 */
final class PersistenceTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir Path dataDir;

  private PortcullisServer start() {
    return PortcullisServer.builder()
        .config(
            TestConfigs.config("auth.server.store = jdbc\nauth.rate-limit.login = \"100/minute\""))
        .dataDir(dataDir)
        .requestLog(RequestLog.none())
        .build()
        .start();
  }

  private static String cli(String stdin, String... args) {
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    int code =
        Main.commandLine(
                new Main(
                    TestConfigs.environment(),
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))))
            .setOut(pw)
            .setErr(pw)
            .execute(args);
    return code + "\n" + out;
  }

  @Test
  void restart_keepsUsersAndSessions_andTheKeysAreOwnerOnly() throws Exception {
    String access;
    String kid;
    PortcullisServer first = start();
    try {
      Api api = new Api(first.uri());
      assertThat(
              api.post("/auth/register")
                  .json(obj("email", "keep@example.com", "password", PASSWORD))
                  .send()
                  .status())
          .isEqualTo(201);
      access =
          api.post("/auth/login")
              .json(obj("email", "keep@example.com", "password", PASSWORD))
              .send()
              .text("access_token");
      kid =
          api.get("/.well-known/jwks.json").send().json().path("keys").get(0).path("kid").asText();
    } finally {
      first.stop();
    }

    assertThat(Files.exists(dataDir.resolve("portcullis.mv.db"))).isTrue();
    Path key = dataDir.resolve("keys/token-rs256.pem");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    String keyBefore = Files.readString(key);

    PortcullisServer second = start();
    try {
      Api api = new Api(second.uri());
      Res me = api.get("/auth/me").bearer(access).send();
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.text("email")).isEqualTo("keep@example.com");
      assertThat(
              api.post("/auth/login")
                  .json(obj("email", "keep@example.com", "password", PASSWORD))
                  .send()
                  .status())
          .isEqualTo(200);
      assertThat(
              api.get("/.well-known/jwks.json")
                  .send()
                  .json()
                  .path("keys")
                  .get(0)
                  .path("kid")
                  .asText())
          .isEqualTo(kid);
      assertThat(Files.readString(key)).isEqualTo(keyBefore);
    } finally {
      second.stop();
    }
  }

  @Test
  void adminCommands_workWhileTheServerRuns_andTakeEffectAtOnce() throws Exception {
    PortcullisServer server = start();
    try {
      Api api = new Api(server.uri());
      api.post("/auth/register").json(obj("email", "ops@example.com", "password", PASSWORD)).send();
      String access =
          api.post("/auth/login")
              .json(obj("email", "ops@example.com", "password", PASSWORD))
              .send()
              .text("access_token");
      for (int i = 0; i < 5; i++) {
        api.post("/auth/login")
            .json(obj("email", "locked@example.com", "password", "wrong password " + i))
            .send();
      }

      String dir = dataDir.toString();
      assertThat(cli("", "user", "list", "--data-dir", dir))
          .startsWith("0\n")
          .contains("ops@example.com");
      assertThat(cli("", "lockouts", "list", "--data-dir", dir)).contains("locked@example.com");
      assertThat(cli("", "lockouts", "clear", "locked@example.com", "--data-dir", dir))
          .startsWith("0\n");
      assertThat(cli("", "lockouts", "list", "--data-dir", dir))
          .contains("No identifier is locked");

      assertThat(cli("", "user", "disable", "ops@example.com", "--data-dir", dir))
          .startsWith("0\n")
          .contains("revoked");
      Res me = api.get("/auth/me").bearer(access).send();
      assertThat(me.status()).isEqualTo(401);
      assertThat(me.text("code")).isEqualTo("token_revoked");
      assertThat(
              api.post("/auth/login")
                  .json(obj("email", "ops@example.com", "password", PASSWORD))
                  .send()
                  .text("code"))
          .isEqualTo("invalid_credentials");

      // And from another process, as an operator would run it: H2's mixed mode.
      Process p =
          new ProcessBuilder(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                      "-cp",
                      System.getProperty("java.class.path"),
                      "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                      Main.class.getName(),
                      "user",
                      "list",
                      "--data-dir",
                      dir))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.PIPE)
              .start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("ops@example.com");
    } finally {
      server.stop();
    }
  }
}
