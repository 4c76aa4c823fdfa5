package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code user import} end to end on the embedded database: each format's sample export (see
 * src/test/resources/imports/README.md) imports, the users log in with their old passwords through
 * the service's {@link Authenticator} and leave with an argon2id hash; refusals are listed without
 * a hash; dry runs write nothing; re-runs skip; progress is a bar on a terminal and lines
 * otherwise.
 */
final class UserImportCommandTest {
  /** Distinctive pieces of every hash in the samples: none may be printed. */
  private static final List<String> HASH_FRAGMENTS =
      List.of(
          "oevS0Z6oRIAx6Zy2",
          "cVWp4XaNU8a4v1uMRum2",
          "gwQOXSNhxiOxPOA0",
          "LCHTXQFd",
          "notsupported",
          "Xy1unusable",
          "T/XOJ2mh1",
          "E5YPO9kmyuRGyh0X",
          "AAECAwQFBgcICQoLDA0ODw",
          "Wbf+fER7");

  @TempDir Path dir;

  record Run(int code, String out) {}

  private Run run(Main.Terminal terminal, String... args) {
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    Main main =
        new Main(TestConfigs.environment(), new ByteArrayInputStream(new byte[0]), terminal);
    int code = Main.commandLine(main).setOut(pw).setErr(pw).execute(args);
    return new Run(code, out.toString());
  }

  private Run importFile(String format, Path file, String... more) {
    String[] args =
        new String[] {
          "user", "import", "--format", format, file.toString(), "--data-dir", dir.toString()
        };
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return run(null, all);
  }

  private Path sample(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = getClass().getResourceAsStream("/imports/" + name)) {
      Files.copy(in, file);
    }
    return file;
  }

  private PortcullisServer tool() {
    return PortcullisServer.builder()
        .config(AuthConfig.load("", TestConfigs.environment()))
        .dataDir(dir)
        .tool()
        .build();
  }

  /** Logs in with each password and returns the stored hashes afterwards, by address. */
  private Map<String, String> logInAndReadHashes(Map<String, String> passwords) {
    try (PortcullisServer rt = tool()) {
      Authenticator login = rt.injector().getInstance(Authenticator.class);
      UserStore users = rt.injector().getInstance(UserStore.class);
      java.util.Map<String, String> hashes = new java.util.TreeMap<>();
      passwords.forEach(
          (email, password) -> {
            var result = login.authenticate(LoginRequest.of(email, password));
            assertThat(result.isOk())
                .as("old password of " + email + ": " + result.failure().map(e -> e.code()))
                .isTrue();
            hashes.put(email, users.findByIdentifier(email).orElseThrow().passwordHash());
          });
      return hashes;
    }
  }

  private StoredUser stored(String email) {
    try (PortcullisServer rt = tool()) {
      return rt.injector().getInstance(UserStore.class).findByIdentifier(email).orElseThrow();
    }
  }

  private static void assertNoHashIn(String output) {
    for (String fragment : HASH_FRAGMENTS) {
      assertThat(output).doesNotContain(fragment);
    }
  }

  @Test
  void csv_usersLogInWithTheirOldPasswords_andAreRehashed() throws IOException {
    Run r = importFile("csv", sample("users.csv"));

    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("3 rows read: 2 created, 0 skipped (already there), 1 refused")
        .contains("refused row 4 carol@example.com unsupported_hash: ")
        .contains("$md5$");
    assertNoHashIn(r.out());
    assertThat(
            logInAndReadHashes(
                Map.of("alice@example.com", "old-secret-1", "bob@example.com", "Kk4DQuMMfZL9o")))
        .allSatisfy((email, hash) -> assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,"));
    assertThat(stored("alice@example.com").user().name()).isEqualTo("Liddell, Alice");
  }

  @Test
  void django_importsUsableUsers_refusesUnusablePasswords_keepsInactiveUsersDisabled()
      throws IOException {
    Run r = importFile("django", sample("django.json"));

    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("4 rows read: 3 created, 0 skipped (already there), 1 refused")
        .contains("refused row 3 carol@example.com unusable_password");
    assertNoHashIn(r.out());
    assertThat(
            logInAndReadHashes(
                Map.of("alice@example.com", "old-secret-1", "bob@example.com", "secret")))
        .allSatisfy((email, hash) -> assertThat(hash).startsWith("$argon2id$"));
    StoredUser dave = stored("dave@example.com");
    assertThat(dave.user().enabled()).isFalse();
    assertThat(dave.passwordHash()).startsWith("pbkdf2_sha1$");
    assertThat(stored("alice@example.com").user().name()).isEqualTo("Alice Liddell");
  }

  @Test
  void keycloak_pbkdf2AndArgon2CredentialsVerify_andAreRehashed() throws IOException {
    Run r = importFile("keycloak", sample("keycloak-realm.json"));

    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("5 rows read: 4 created, 0 skipped (already there), 1 refused")
        .contains("refused row 3 carol@example.com no_password");
    assertNoHashIn(r.out());
    assertThat(
            logInAndReadHashes(
                Map.of(
                    "alice@example.com", "Zażółć gęślą jaźń",
                    "bob@example.com", "password",
                    "erin@example.com", "Zażółć gęślą jaźń")))
        .allSatisfy((email, hash) -> assertThat(hash).startsWith("$argon2id$"));
    StoredUser dave = stored("dave@example.com");
    assertThat(dave.user().enabled()).isFalse();
    assertThat(dave.passwordHash()).startsWith("$keycloak-pbkdf2-sha512$i=30000$");
    assertThat(stored("alice@example.com").user().emailVerified()).isTrue();
    assertThat(stored("bob@example.com").user().emailVerified()).isFalse();
  }

  @Test
  void auth0_bcryptUsersLogIn_socialUsersAreRefused() throws IOException {
    Run r = importFile("auth0", sample("auth0.ndjson"));

    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out())
        .contains("3 rows read: 2 created, 0 skipped (already there), 1 refused")
        .contains("refused row 4 carol@example.com no_password");
    assertNoHashIn(r.out());
    assertThat(
            logInAndReadHashes(
                Map.of("alice@example.com", "Kk4DQuMMfZL9o", "bob@example.com", "U*U")))
        .allSatisfy((email, hash) -> assertThat(hash).startsWith("$argon2id$"));
  }

  @Test
  void dryRun_writesNothing_thenTheImport_thenARerunSkipsEveryone() throws IOException {
    Path file = dir.resolve("ok.csv");
    Files.writeString(
        file,
        "email,password_hash\n"
            + "alice@example.com,pbkdf2_sha256$1000$seasalt$oevS0Z6oRIAx6Zy2y2bVPnZ4SOahhjwZ27TRyieJGE4=\n");

    Run dry = importFile("csv", file, "--dry-run");
    assertThat(dry.code()).as(dry.out()).isZero();
    assertThat(dry.out())
        .contains("dry run of ok.csv (csv): 1 rows read: 1 created")
        .contains("nothing was written");
    try (PortcullisServer rt = tool()) {
      assertThat(rt.injector().getInstance(UserStore.class).list(0, 10)).isEmpty();
    }

    assertThat(importFile("csv", file).code()).isZero();
    Run again = importFile("csv", file);
    assertThat(again.code()).as(again.out()).isZero();
    assertThat(again.out()).contains("1 rows read: 0 created, 1 skipped (already there)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"keycloak", "django"})
  void malformedJson_stopsNamingTheRow_withoutQuotingTheFile(String format) throws IOException {
    String name = format.equals("keycloak") ? "keycloak-realm.json" : "django.json";
    String text = Files.readString(sample(name));
    Path broken = dir.resolve("broken.json");
    // Cut inside the second user (a hash included) and break the JSON there.
    int cut = text.indexOf("bob@example.com") + 40;
    Files.writeString(broken, text.substring(0, cut) + "}}}garbage");

    Run r = importFile(format, broken);

    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("stopped at row 2 (malformed_file)").contains("invalid JSON");
    assertThat(r.out()).doesNotContain("garbage");
    assertNoHashIn(r.out());
    assertThat(stored("alice@example.com")).isNotNull();
  }

  @Test
  void withoutATerminal_progressIsPrintedAsLines() throws IOException {
    Run r = importFile("auth0", sample("auth0.ndjson"), "--progress-every", "1");

    assertThat(r.out())
        .contains("import: 1 rows read: 1 created")
        .contains("import: 2 rows read: 2 created")
        .doesNotContain("\r");
  }

  @Test
  void onATerminal_progressIsABarRedrawnInPlace() throws IOException {
    Path file = sample("auth0.ndjson");
    Run r =
        run(
            prompt -> null,
            "user",
            "import",
            "--format",
            "auth0",
            file.toString(),
            "--data-dir",
            dir.toString());

    assertThat(r.out()).contains("\r[").contains("] 100% 3 rows read").doesNotContain("import: ");
  }

  @Test
  void unknownFormat_isAUsageError() throws IOException {
    Run r = importFile("ldif", sample("users.csv"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("csv, django, keycloak, auth0");
  }
}
