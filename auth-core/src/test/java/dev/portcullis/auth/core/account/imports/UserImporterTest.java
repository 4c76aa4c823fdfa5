package dev.portcullis.auth.core.account.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.login.PasswordAuthenticator;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;

/**
 * CSV import through {@link UserImporter}: users log in with their old passwords over the real
 * login path and leave with the configured hash; re-runs skip, dry runs write nothing, refusals
 * name the row and reason and never a hash, a malformed file stops with the rows before it kept.
 */
final class UserImporterTest {
  /** Django's PBKDF2 of "old-secret-1", computed with Python's hashlib.pbkdf2_hmac. */
  static final String DJANGO_HASH =
      "pbkdf2_sha256$1000$seasalt$oevS0Z6oRIAx6Zy2y2bVPnZ4SOahhjwZ27TRyieJGE4=";

  /** bcrypt cost 4 of "old-secret-2", made once. */
  static final String BCRYPT_HASH =
      OpenBSDBCrypt.generate(
          "2b", "old-secret-2".getBytes(StandardCharsets.UTF_8), new byte[16], 4);

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final PasswordHasher hasher =
      PasswordHashers.create(HashingSettings.defaults().withArgon2(1024, 1, 1));
  private final UserImporter importer =
      new UserImporter(new Identifiers(320), stores.users, hasher, clock, new AuthEvents(Set.of()));

  private ImportReport importCsv(String csv, boolean dryRun) {
    return importer.run(UserSources.csv(new StringReader(csv)), dryRun, ImportListener.none());
  }

  private String validCsv() {
    return "email,name,password_hash\r\n"
        + "Alice@Example.com,\"Liddell, Alice\","
        + DJANGO_HASH
        + "\r\n"
        + "bob@example.com,\"Bob \"\"the builder\"\"\","
        + BCRYPT_HASH
        + "\r\n";
  }

  @Test
  void importedUsers_logInWithTheirOldPasswords_andAreRehashedToTheConfiguredAlgorithm() {
    ImportReport report = importCsv(validCsv(), false);

    assertThat(report.complete()).isTrue();
    assertThat(report.counts()).isEqualTo(new ImportCounts(2, 2, 0, 0));
    PasswordAuthenticator login =
        new PasswordAuthenticator(
            new Identifiers(320),
            stores.limiter,
            RateLimitSettings.defaults(),
            stores.tracker,
            stores.users,
            hasher,
            clock,
            new AuthEvents(Set.of()));
    assertThat(login.authenticate(LoginRequest.of("alice@example.com", "old-secret-1")).isOk())
        .isTrue();
    assertThat(login.authenticate(LoginRequest.of("bob@example.com", "old-secret-2")).isOk())
        .isTrue();
    for (String email : List.of("alice@example.com", "bob@example.com")) {
      String id = stores.users.findByIdentifier(email).orElseThrow().user().id();
      assertThat(stores.users.hashOf(id)).startsWith("$argon2id$v=19$m=1024,t=1,p=1$");
    }
    assertThat(stores.users.findByIdentifier("alice@example.com").orElseThrow().user().name())
        .isEqualTo("Liddell, Alice");
    assertThat(stores.users.findByIdentifier("bob@example.com").orElseThrow().user().name())
        .isEqualTo("Bob \"the builder\"");
  }

  @Test
  void rerun_skipsTheUsersItImportedBefore() {
    importCsv(validCsv(), false);

    ImportReport again = importCsv(validCsv(), false);

    assertThat(again.counts()).isEqualTo(new ImportCounts(2, 0, 2, 0));
    assertThat(stores.users.list(0, 10)).hasSize(2);
  }

  @Test
  void dryRun_reportsWhatWouldHappen_andWritesNothing() {
    importCsv("email,password_hash\nbob@example.com," + BCRYPT_HASH + "\n", false);
    var before = stores.users.list(0, 10);

    ImportReport report = importCsv(validCsv() + "bad-address," + BCRYPT_HASH + ",x\n", true);

    assertThat(report.dryRun()).isTrue();
    assertThat(report.counts()).isEqualTo(new ImportCounts(3, 1, 1, 1));
    assertThat(stores.users.list(0, 10)).isEqualTo(before);
  }

  @Test
  void refusals_nameTheRowIdentifierAndReason_neverAHash() {
    String csv =
        "password_hash,email,name\n"
            + BCRYPT_HASH
            + ",,no address\n"
            + BCRYPT_HASH
            + ",not-an-address,\n"
            + "$md5$rounds=904$secretsalt$hash,carol@example.com,\n"
            + ",dave@example.com,\n"
            + BCRYPT_HASH
            + ",erin@example.com\n"
            + DJANGO_HASH
            + ",frank@example.com,Frank\n";

    List<Refusal> seen = new ArrayList<>();
    ImportReport report =
        importer.run(
            UserSources.csv(new StringReader(csv)),
            false,
            new ImportListener() {
              @Override
              public void refused(Refusal refusal) {
                seen.add(refusal);
              }
            });

    assertThat(report.counts()).isEqualTo(new ImportCounts(6, 1, 0, 5));
    assertThat(report.refusals())
        .extracting(Refusal::row, Refusal::identifier, r -> r.reason().code())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, null, "missing_email"),
            org.assertj.core.groups.Tuple.tuple(3L, "not-an-address", "invalid_email"),
            org.assertj.core.groups.Tuple.tuple(4L, "carol@example.com", "unsupported_hash"),
            org.assertj.core.groups.Tuple.tuple(5L, "dave@example.com", "no_password"),
            org.assertj.core.groups.Tuple.tuple(6L, null, "malformed_row"));
    assertThat(seen).isEqualTo(report.refusals());
    assertThat(report.refusals().get(2).detail()).contains("$md5$").doesNotContain("secretsalt");
    assertThat(report.toString())
        .doesNotContain(BCRYPT_HASH)
        .doesNotContain(DJANGO_HASH)
        .doesNotContain("secretsalt");
  }

  @Test
  void headerWithoutPasswordHash_stopsBeforeAnyRow_namingTheColumn() {
    ImportReport report = importCsv("email,hash\nalice@example.com," + BCRYPT_HASH + "\n", false);

    assertThat(report.failure())
        .hasValueSatisfying(
            f -> {
              assertThat(f.row()).isEqualTo(1);
              assertThat(f.code()).isEqualTo("malformed_file");
              assertThat(f.message()).contains("password_hash");
            });
    assertThat(stores.users.list(0, 10)).isEmpty();
  }

  @Test
  void brokenQuotingHalfway_stopsThere_keepingAndReportingTheRowsBefore() {
    String csv =
        "email,password_hash,name\n"
            + "alice@example.com,"
            + BCRYPT_HASH
            + ",Alice\n"
            + "bob@example.com,"
            + BCRYPT_HASH
            + ",\"Bob\n";

    ImportReport report = importCsv(csv, false);

    assertThat(report.counts().created()).isEqualTo(1);
    assertThat(report.failure())
        .hasValueSatisfying(
            f -> {
              assertThat(f.row()).isEqualTo(3);
              assertThat(f.message()).contains("row 3").contains("quoted field is not closed");
            });
    assertThat(stores.users.findByIdentifier("alice@example.com")).isPresent();
  }

  @Test
  void storeOutageHalfway_stopsWithServiceUnavailable_keepingTheRowsBefore() {
    ImportReport report =
        importer.run(
            UserSources.csv(new StringReader(validCsv())),
            false,
            new ImportListener() {
              @Override
              public void rowDone(ImportCounts counts) {
                stores.down = true;
              }
            });

    stores.down = false;
    assertThat(report.counts()).isEqualTo(new ImportCounts(1, 1, 0, 0));
    assertThat(report.failure())
        .hasValueSatisfying(
            f -> {
              assertThat(f.row()).isEqualTo(3);
              assertThat(f.code()).isEqualTo("service_unavailable");
            });
    assertThat(stores.users.findByIdentifier("alice@example.com")).isPresent();
  }

  @Test
  void usersDisabledAtTheSource_areImportedDisabled() {
    importCsv(
        "email,password_hash,enabled,email_verified\n"
            + "alice@example.com,"
            + BCRYPT_HASH
            + ",false,false\n",
        false);

    var alice = stores.users.findByIdentifier("alice@example.com").orElseThrow().user();
    assertThat(alice.enabled()).isFalse();
    assertThat(alice.emailVerified()).isFalse();
  }
}
