package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server with the defaults: no secrets, no trusted proxy, no CORS origin. */
final class DefaultsServerTest {
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path dataDir;
  private static PortcullisServer server;
  private static Api api;

  @BeforeAll
  static void start() {
    server =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory\nauth.server.port = 8080"))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build()
            .start(0);
    api = new Api(server.uri());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void adminEndpoints_withoutAdminSecret_areOff404_sayingWhichSettingTurnsThemOn() {
    Res list = api.get("/admin/lockouts").header("X-Admin-Secret", "anything").send();
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.text("code")).isEqualTo("not_found");
    assertThat(list.text("detail")).contains("AUTH_SERVER_ADMIN_SECRET");
    assertThat(api.delete("/admin/lockouts/a@example.com").send().status()).isEqualTo(404);
  }

  @Test
  void userSync_withoutSyncSecret_isOff404_andStartUpSaidSoInOneLine_notABanner() {
    Res sync =
        api.post("/admin/users/sync")
            .header("X-Auth-Sync-Secret", "anything")
            .json(obj("email", "a@example.com"))
            .send();
    assertThat(sync.status()).isEqualTo(404);
    assertThat(sync.text("detail")).contains("AUTH_SERVER_SYNC_SECRET");
    // A developer's start: one line among the notes. Staging and production keep the banner.
    assertThat(server.warnings()).noneSatisfy(w -> assertThat(w).contains("USER SYNC IS OFF"));
    assertThat(server.notes())
        .anySatisfy(
            n -> assertThat(n).contains("user sync is off").contains("AUTH_SERVER_SYNC_SECRET"));
    assertThat(String.join("\n", server.notes())).doesNotContain("\n*");
  }

  @Test
  void forwardedFor_fromAnUntrustedPeer_isIgnored() {
    api.post("/auth/register").json(obj("email", "xff@example.com", "password", PASSWORD)).send();
    String access =
        api.post("/auth/login")
            .header("X-Forwarded-For", "203.0.113.9")
            .json(obj("email", "xff@example.com", "password", PASSWORD))
            .send()
            .text("access_token");
    Res sessions = api.get("/auth/sessions").bearer(access).send();
    assertThat(sessions.json().get(0).path("ip").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void cors_withoutAllowedOrigins_sendsNoCorsHeaders() {
    Res r = api.get("/health").header("Origin", "https://app.example.com").send();
    assertThat(r.header("Access-Control-Allow-Origin")).isEmpty();
  }
}
