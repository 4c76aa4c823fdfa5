package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.jwt.Jwks;
import dev.portcullis.auth.jwt.JwsAlgorithm;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.server.internal.DevKeys;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in process through picocli with captured output. */
final class CliTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path shared;
  @TempDir Path dir;

  /** Exit code and everything printed. */
  record Run(int code, String out) {}

  private static Run run(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    int code =
        Main.commandLine(
                new Main(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))))
            .setOut(pw)
            .setErr(pw)
            .execute(args);
    return new Run(code, out.toString());
  }

  private static Run run(String stdin, String... args) {
    return run(TestConfigs.environment(), stdin, args);
  }

  private static PortcullisServer tool(Path dataDir) {
    return PortcullisServer.builder()
        .config(AuthConfig.load("", TestConfigs.environment()))
        .dataDir(dataDir)
        .tool()
        .build();
  }

  private static String accessToken(Path dataDir, String email) {
    try (PortcullisServer rt = tool(dataDir)) {
      Authentication auth =
          rt.injector()
              .getInstance(Authenticator.class)
              .authenticate(LoginRequest.of(email, PASSWORD))
              .unwrap();
      return rt.injector().getInstance(TokenService.class).issue(auth).unwrap().accessToken();
    }
  }

  @Test
  void hash_hashesALineFromStdin_withTheConfiguredSettings() {
    Run r = run("a password to import\n", "hash");
    assertThat(r.code()).as(r.out()).isZero();
    String hash = r.out().strip();
    assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    AuthSettings settings = AuthSettings.load(TestConfigs.config(""));
    assertThat(PasswordHashers.create(settings.hashing()).verify("a password to import", hash))
        .isTrue();
    assertThat(run("", "hash").code()).isEqualTo(2);
  }

  @Test
  void hash_fromStdin_printsOnlyTheHash_neverThePassword() {
    Run r = run("never printed 0123\n", "hash");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out().strip()).startsWith("$argon2id$").doesNotContain("\n");
    assertThat(r.out()).doesNotContain("never printed");
  }

  @Test
  void hash_onATerminal_readsThePasswordWithoutEcho_twice_andNeverFromTheLine() {
    java.util.List<String> prompts = new java.util.ArrayList<>();
    Main.Terminal terminal =
        prompt -> {
          prompts.add(prompt);
          return "typed on the terminal 42".toCharArray();
        };
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    // Standard input would echo; it holds another password that must not be read.
    Main main =
        new Main(
            TestConfigs.environment(),
            new ByteArrayInputStream("echoed line\n".getBytes(StandardCharsets.UTF_8)),
            terminal);
    int code = Main.commandLine(main).setOut(pw).setErr(pw).execute("hash");

    assertThat(code).as(out.toString()).isZero();
    assertThat(prompts).containsExactly("Password: ", "Again: ");
    String hash = out.toString().strip();
    AuthSettings settings = AuthSettings.load(TestConfigs.config(""));
    assertThat(PasswordHashers.create(settings.hashing()).verify("typed on the terminal 42", hash))
        .isTrue();
    assertThat(out.toString()).doesNotContain("typed on the terminal").doesNotContain("echoed");
  }

  @Test
  void hash_onATerminal_refusesTwoDifferentPasswords() {
    char[][] typed = {"first 0123456789".toCharArray(), "second 0123456789".toCharArray()};
    int[] next = {0};
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    Main main =
        new Main(
            TestConfigs.environment(),
            new ByteArrayInputStream(new byte[0]),
            prompt -> typed[next[0]++]);
    int code = Main.commandLine(main).setOut(pw).setErr(pw).execute("hash");
    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).contains("differ").doesNotContain("0123456789");
  }

  @Test
  void user_create_list_disable_enable() {
    String d = shared.toString();
    Run weak = run("short\n", "user", "create", "weak@example.com", "--data-dir", d);
    assertThat(weak.code()).isEqualTo(1);
    assertThat(weak.out()).contains("password_policy");

    Run created =
        run(
            PASSWORD + "\n",
            "user",
            "create",
            "cli@example.com",
            "--name",
            "Cli",
            "--role",
            "admin",
            "--data-dir",
            d);
    assertThat(created.code()).as(created.out()).isZero();
    assertThat(created.out()).contains("created cli@example.com");

    Run again = run(PASSWORD + "\n", "user", "create", "cli@example.com", "--data-dir", d);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.out()).contains("identifier_taken");

    Run list = run("", "user", "list", "--data-dir", d);
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("cli@example.com")
        .contains("Cli")
        .contains("admin")
        .contains("yes");

    String token = accessToken(shared, "cli@example.com");
    assertThat(run("", "user", "disable", "cli@example.com", "--data-dir", d).code()).isZero();
    assertThat(run("", "user", "list", "--data-dir", d).out()).contains(" no ");
    Run inspect = run("", "token", "inspect", token, "--data-dir", d);
    assertThat(inspect.code()).isEqualTo(1);
    assertThat(inspect.out()).contains("token_revoked");

    assertThat(run("", "user", "enable", "cli@example.com", "--data-dir", d).code()).isZero();
    assertThat(run("", "user", "disable", "nobody@example.com", "--data-dir", d).code())
        .isEqualTo(1);
  }

  @Test
  void token_inspect_explainsAValidAndABadToken() {
    run(PASSWORD + "\n", "user", "create", "inspect@example.com", "--data-dir", dir.toString());
    String token = accessToken(dir, "inspect@example.com");
    Run ok = run(token + "\n", "token", "inspect", "-", "--data-dir", dir.toString());
    assertThat(ok.code()).as(ok.out()).isZero();
    assertThat(ok.out()).startsWith("PASSES (access token)");

    Run bad = run("", "token", "inspect", "not-a-token", "--data-dir", dir.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).contains("FAILS").contains("token_malformed").contains("Fix:");
  }

  @Test
  void lockouts_listAndClear_whenNothingIsLocked() {
    Run list = run("", "lockouts", "list", "--data-dir", dir.toString());
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("No identifier is locked.");
    Run clear = run("", "lockouts", "clear", "nobody@example.com", "--data-dir", dir.toString());
    assertThat(clear.code()).isEqualTo(1);
    assertThat(clear.out()).contains("Nothing to clear");
  }

  @Test
  void keys_generate_writesOwnerOnlyFiles_andRefusesToOverwrite() throws Exception {
    Path pem = dir.resolve("signing.pem");
    Run r = run("", "keys", "generate", "--out", pem.toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("AUTH_TOKEN_ALGORITHM=RS256")
        .contains("AUTH_TOKEN_PRIVATE_KEY_FILE=");
    assertThat(Files.readString(pem)).contains("BEGIN PRIVATE KEY");
    assertThat(
            ((java.security.interfaces.RSAKey)
                    DevKeys.load(pem, JwsAlgorithm.RS256).verificationKey())
                .getModulus()
                .bitLength())
        .isEqualTo(DevKeys.CONFIGURED_RSA_BITS);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pem)))
        .isEqualTo("rw-------");
    assertThat(run("", "keys", "generate", "--out", pem.toString()).code()).isEqualTo(1);

    Path secret = dir.resolve("hs.secret");
    Run hs = run("", "keys", "generate", "--algorithm", "HS512", "--out", secret.toString());
    assertThat(hs.code()).isZero();
    assertThat(hs.out()).contains("AUTH_TOKEN_SECRET_KEY");
    assertThat(Files.readString(secret).strip().getBytes(StandardCharsets.UTF_8).length)
        .isGreaterThanOrEqualTo(64);
    assertThat(run("", "keys", "generate", "--algorithm", "none").code()).isEqualTo(2);
  }

  @Test
  void keys_rotate_keepsOldTokensValid_andPublishesBothKeys() {
    run(PASSWORD + "\n", "user", "create", "rotate@example.com", "--data-dir", dir.toString());
    String oldToken = accessToken(dir, "rotate@example.com");

    Run r = run("", "keys", "rotate", "--data-dir", dir.toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("verifies until");

    try (PortcullisServer rt = tool(dir)) {
      assertThat(rt.injector().getInstance(Jwks.class).keys()).hasSize(2);
      assertThat(rt.injector().getInstance(TokenService.class).verify(oldToken).isOk()).isTrue();
    }
    assertThat(run("", "keys", "rotate", "--data-dir", dir.resolve("empty").toString()).code())
        .isEqualTo(1);
  }

  @Test
  void doctor_inDevelopment_findsNoProblem() {
    run(PASSWORD + "\n", "user", "create", "doc@example.com", "--data-dir", dir.toString());
    Run r = run("", "doctor", "--data-dir", dir.toString(), "--port", "0");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("OK    settings")
        .contains("OK    database")
        .contains("OK    keys")
        .contains("OK    clock")
        .contains("OK    data directory")
        .contains("INFO  auth.server.sync-secret")
        .contains("No problems found.");
  }

  @Test
  void doctor_reportsADataDirOpenToOtherUsers_asAProblem() throws Exception {
    Path data = dir.resolve("data");
    run(PASSWORD + "\n", "user", "create", "modes@example.com", "--data-dir", data.toString());
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path db = data.resolve("portcullis.mv.db");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

    Run r = run("", "doctor", "--data-dir", data.toString(), "--port", "0");
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL  data directory " + data)
        .contains(data + " rwxr-xr-x")
        .contains(db + " rw-r--r--")
        .contains("chmod -R go-rwx " + data)
        .contains("1 problem found");
    // doctor changes nothing
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void doctor_inProduction_reportsEveryProblemInOneRun_withItsFix() throws Exception {
    Path key = dir.resolve("loose.pem");
    run("", "keys", "generate", "--out", key.toString());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, String> env =
        TestConfigs.environment(
            "AUTH_ENVIRONMENT", "production",
            "AUTH_SERVER_ADMIN_SECRET", "changeme",
            "AUTH_SERVER_CORS_ALLOWED_ORIGINS", "*",
            "AUTH_TOKEN_ALGORITHM", "RS256",
            "AUTH_TOKEN_PRIVATE_KEY_FILE", key.toString(),
            "AUTH_STORE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/portcullis",
            "AUTH_STORE_JDBC_CONNECTION_TIMEOUT", "1s");
    Run r = run(env, "", "doctor", "--data-dir", dir.toString(), "--port", "0");
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL  auth.server.admin-secret")
        .contains("FAIL  auth.server.cors.allowed-origins")
        .contains("FAIL  auth.token.audiences")
        .contains("FAIL  auth.server.notify.webhook-url")
        .contains("FAIL  auth.hashing.argon2.memory-kib")
        .contains("FAIL  database")
        .contains("chmod 600");
    long fails = r.out().lines().filter(l -> l.startsWith("  FAIL")).count();
    assertThat(fails).isGreaterThanOrEqualTo(6);
    assertThat(r.out().lines().filter(l -> l.strip().startsWith("fix:")).count())
        .isGreaterThanOrEqualTo(fails);
    assertThat(r.out()).contains(fails + " problems found");
  }

  @Test
  void adminCommand_withInvalidSettings_exits78_listingEveryProblem() {
    Map<String, String> env =
        TestConfigs.environment("AUTH_ENVIRONMENT", "production", "AUTH_SERVER_PORT", "99999");
    Run r = run(env, "", "user", "list", "--data-dir", dir.toString());
    assertThat(r.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(r.out())
        .contains("Portcullis cannot start")
        .contains("auth.server.port")
        .contains("auth.token.audiences")
        .contains("auth.hashing.argon2.memory-kib");
  }

  @Test
  void configFile_isReadUnderTheEnvironment_andAnUnreadableOneExits78() throws Exception {
    // Beside the data directory, not in it: doctor wants everything in there owner-only.
    Path file = dir.resolve("portcullis.conf");
    Files.writeString(
        file,
        "auth.server.sync-secret = \"a-sync-secret-from-the-config-file-0123\"\n"
            + "auth.server.port = ${?PORT_FROM_ENV}\n");
    Run r =
        run(
            TestConfigs.environment("PORT_FROM_ENV", "0"),
            "",
            "doctor",
            "--config",
            file.toString(),
            "--data-dir",
            dir.resolve("data").toString());
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("OK    auth.server.sync-secret");

    Run missing = run("", "doctor", "--config", dir.resolve("nope.conf").toString());
    assertThat(missing.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(missing.out()).contains("cannot be read");
  }

  @Test
  void help_listsEveryCommand() {
    Run r = run("", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("serve")
        .contains("doctor")
        .contains("token")
        .contains("user")
        .contains("lockouts")
        .contains("keys")
        .contains("hash");
  }
}
