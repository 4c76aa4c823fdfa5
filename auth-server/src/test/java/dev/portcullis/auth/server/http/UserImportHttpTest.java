package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /admin/users/import} over real HTTP: guarded by the admin secret before the body is
 * read, streams a body larger than {@code max-body-bytes}, answers the JSON report, and imported
 * users log in over {@code /auth/login} with their old passwords.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class UserImportHttpTest {
  private static final String ADMIN = "admin-secret-for-tests-0123456789abcdef";

  /** pyca/bcrypt's $2b$04$ vector; its password is "Kk4DQuMMfZL9o". */
  private static final String BCRYPT =
      "$2b$04$cVWp4XaNU8a4v1uMRum2SO026BWLIoQMD/TXg5uZV.0P.uO8m3YEm";

  private static final int ROWS = 1500;

  @TempDir static Path dataDir;

  private PortcullisServer server;
  private Api api;

  @BeforeAll
  void start() {
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.server.max-body-bytes = 65536",
                        "auth.server.admin-secret = \"" + ADMIN + "\"")))
            .dataDir(dataDir)
            .build()
            .start();
    api = new Api(server.uri());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static String csv(String prefix, int rows) {
    StringBuilder b = new StringBuilder("email,name,password_hash\r\n");
    for (int i = 0; i < rows; i++) {
      b.append(prefix).append(i).append("@example.com,User ").append(i).append(',');
      b.append(BCRYPT).append("\r\n");
    }
    return b.toString();
  }

  private Res post(String query, String body) {
    return api.post("/admin/users/import" + query)
        .header("X-Admin-Secret", ADMIN)
        .raw("text/csv", body)
        .send();
  }

  @Test
  void aBodyLargerThanMaxBodyBytes_isStreamed_andTheUsersLogInWithTheirOldPassword() {
    String body = csv("big", ROWS);
    assertThat(body.length()).isGreaterThan(2 * 65536);

    Res r = post("?format=csv", body);

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.path("complete").asBoolean()).isTrue();
    assertThat(report.path("rows").asLong()).isEqualTo(ROWS);
    assertThat(report.path("created").asLong()).isEqualTo(ROWS);
    assertThat(r.body()).doesNotContain("cVWp4XaNU8a4");

    Res login =
        api.post("/auth/login")
            .json(Map.of("email", "big7@example.com", "password", "Kk4DQuMMfZL9o"))
            .send();
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(
            server
                .injector()
                .getInstance(UserStore.class)
                .findByIdentifier("big7@example.com")
                .orElseThrow()
                .passwordHash())
        .startsWith("$argon2id$");

    Res again = post("?format=csv", csv("big", 3));
    assertThat(again.json().path("skipped").asLong()).isEqualTo(3);
  }

  @Test
  void withoutTheAdminSecret_nothingIsImported() {
    Res r = api.post("/admin/users/import?format=csv").raw("text/csv", csv("nosecret", 2)).send();

    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(
            server
                .injector()
                .getInstance(UserStore.class)
                .findByIdentifier("nosecret0@example.com"))
        .isEmpty();
  }

  @Test
  void dryRun_reportsAndWritesNothing() {
    Res r = post("?format=csv&dry_run=true", csv("dry", 2));

    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().path("dry_run").asBoolean()).isTrue();
    assertThat(r.json().path("created").asLong()).isEqualTo(2);
    assertThat(server.injector().getInstance(UserStore.class).findByIdentifier("dry0@example.com"))
        .isEmpty();
  }

  @Test
  void refusalsAndAMalformedFile_areInTheReport() {
    String body =
        "email,password_hash\n"
            + "partial0@example.com,"
            + BCRYPT
            + "\n"
            + "not-an-address,"
            + BCRYPT
            + "\n"
            + "partial2@example.com,\"unclosed\n";

    Res r = post("?format=csv", body);

    assertThat(r.status()).as(r.toString()).isEqualTo(422);
    JsonNode report = r.json();
    assertThat(report.path("created").asLong()).isEqualTo(1);
    assertThat(report.path("refusals").get(0).path("row").asLong()).isEqualTo(3);
    assertThat(report.path("refusals").get(0).path("reason").asText()).isEqualTo("invalid_email");
    assertThat(report.path("failure").path("row").asLong()).isEqualTo(4);
    assertThat(report.path("failure").path("code").asText()).isEqualTo("malformed_file");
    assertThat(r.body()).doesNotContain("cVWp4XaNU8a4");
  }

  @Test
  void unknownFormat_isABadRequest() {
    Res r = post("?format=ldif", "x");

    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.body()).contains("format");
  }
}
