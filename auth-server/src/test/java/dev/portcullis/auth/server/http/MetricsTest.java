package dev.portcullis.auth.server.http;

import static dev.portcullis.auth.server.Api.obj;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} is not public, and what it shows never tells apart the failures the API makes
 * one: scraping around a login must not reveal whether the account exists or is disabled.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class MetricsTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String TOKEN = "metrics-token-for-tests-0123456789abcdef";

  @TempDir static Path dataDir;
  private PortcullisServer server;
  private Api api;
  private int clients;

  @BeforeAll
  void start() {
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.server.trusted-proxies = \"127.0.0.1, ::1\"",
                        "auth.server.metrics-token = \"" + TOKEN + "\"")))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
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

  private String ip() {
    clients++;
    return "10.9." + (clients / 256) + "." + (clients % 256);
  }

  @Test
  void metrics_wantTheToken() {
    Res none = api.get("/metrics").send();
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
    assertThat(none.body()).doesNotContain("portcullis_logins_total");
    assertThat(api.get("/metrics").bearer(TOKEN + "x").send().status()).isEqualTo(401);
    assertThat(api.get("/metrics").bearer(TOKEN.substring(1)).send().status()).isEqualTo(401);
    assertThat(api.get("/metrics").header("Authorization", "Basic " + TOKEN).send().status())
        .isEqualTo(401);
    assertThat(api.get("/metrics").header("X-Admin-Secret", TOKEN).send().status()).isEqualTo(401);

    Res ok = api.get("/metrics").bearer(TOKEN).send();
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).contains("portcullis_logins_total");
  }

  @Test
  void metrics_withoutAToken_areOff() {
    try (PortcullisServer plain =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory"))
            .dataDir(dataDir.resolve("plain"))
            .requestLog(RequestLog.none())
            .build()
            .start()) {
      Res r = new Api(plain.uri()).get("/metrics").bearer(TOKEN).send();
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.text("detail")).contains("AUTH_SERVER_METRICS_TOKEN");
    }
  }

  @Test
  void onTheJdbcStore_thePoolAndTheTokenCacheAreMeasured_andTheCoreBinderFeedsTheScrape() {
    try (PortcullisServer jdbc =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    "auth.server.store = jdbc\nauth.server.metrics-token = \"" + TOKEN + "\""))
            .dataDir(dataDir.resolve("jdbc"))
            .requestLog(RequestLog.none())
            .build()
            .start()) {
      String scrape = new Api(jdbc.uri()).get("/metrics").bearer(TOKEN).send().body();

      assertThat(scrape)
          .contains("hikaricp_connections_active")
          .contains("hikaricp_connections_pending")
          .contains("cache_gets_total{cache=\"portcullis.tokens\",result=\"miss\"}")
          .contains("portcullis_logins_total{outcome=\"success\"}")
          .contains("portcullis_password_hash_seconds_count{operation=\"verify\"}")
          .contains("portcullis_token_verifications_total{outcome=\"valid\"}");
      // One binder, one series: the core's AuthMetrics is the only source.
      assertThat(scrape.lines().filter(l -> l.startsWith("# TYPE portcullis_logins_total")).count())
          .isEqualTo(1);
    }
  }

  @Test
  void unknownUser_disabledUser_andWrongPassword_moveTheSameSeries() {
    String enabled = "metrics-enabled@example.com";
    String disabled = "metrics-disabled@example.com";
    for (String email : new String[] {enabled, disabled}) {
      Res r =
          api.post("/auth/register")
              .from(ip())
              .json(obj("email", email, "password", PASSWORD))
              .send();
      assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }
    server.injector().getInstance(AccountAdmin.class).setEnabled(disabled, false).unwrap();

    Set<String> unknown = movedBy("nobody-here@example.com", PASSWORD);
    Set<String> wrongPassword = movedBy(enabled, "not the password at all");
    Set<String> disabledRight = movedBy(disabled, PASSWORD);
    Set<String> disabledWrong = movedBy(disabled, "not the password at all");

    assertThat(unknown)
        .contains("portcullis_logins_total{outcome=\"invalid_credentials\"}")
        .isEqualTo(wrongPassword)
        .isEqualTo(disabledRight)
        .isEqualTo(disabledWrong);
    String scrape = api.get("/metrics").bearer(TOKEN).send().body();
    assertThat(scrape)
        .doesNotContain("unknown_identifier")
        .doesNotContain("wrong_password")
        .doesNotContain("account_disabled");
  }

  /**
   * The Portcullis counters (totals and timer counts, by name and labels) that one failed login
   * moved: scraped before and after it.
   */
  private Set<String> movedBy(String email, String password) {
    Map<String, String> before = counters();
    Res r =
        api.post("/auth/login").from(ip()).json(obj("email", email, "password", password)).send();
    assertThat(r.status()).as(r.toString()).isEqualTo(401);
    assertThat(r.text("code")).isEqualTo("invalid_credentials");
    Map<String, String> after = counters();
    Set<String> moved = new TreeSet<>();
    after.forEach(
        (series, value) -> {
          if (!value.equals(before.get(series))) {
            moved.add(series);
          }
        });
    return moved;
  }

  private Map<String, String> counters() {
    Res r = api.get("/metrics").bearer(TOKEN).send();
    assertThat(r.status()).isEqualTo(200);
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : r.body().split("\n")) {
      if (!line.startsWith("portcullis_")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
      if (name.endsWith("_total") || name.endsWith("_count")) {
        out.put(series, line.substring(space + 1));
      }
    }
    return out;
  }
}
