package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.oauth.client.ClientSecrets;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code oauth client ...} and {@code oauth scope list}, run in process against a data dir. */
final class OAuthCommandTest {

  private static final Pattern SECRET = Pattern.compile("client secret: ([A-Za-z0-9_-]{43})");
  private static final String DECLARED_SECRET = "Xq3v9Lr2Tz8Kp1Wm7Nc4Bf6Hd0Gj5Sy2Ue8Ra3Vt";

  @TempDir Path dir;

  record Run(int code, String out) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    int code =
        Main.commandLine(new Main(env, new ByteArrayInputStream(new byte[0])))
            .setOut(pw)
            .setErr(pw)
            .execute(args);
    return new Run(code, out.toString());
  }

  private Run run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data-dir";
    all[args.length + 1] = dir.toString();
    return run(TestConfigs.environment(), all);
  }

  private OAuthClient stored(String clientId) {
    try (PortcullisServer rt =
        PortcullisServer.builder()
            .config(AuthConfig.load("", TestConfigs.environment()))
            .dataDir(dir)
            .tool()
            .build()) {
      return rt.injector().getInstance(ClientStore.class).find(clientId).orElseThrow();
    }
  }

  private static String secretOf(Run r) {
    Matcher m = SECRET.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  @Test
  void create_printsTheSecretOnce_withAWarning_andStoresOnlyItsHash() {
    Run r = run("oauth", "client", "create", "billing", "--scope", "orders:read");

    assertThat(r.code()).as(r.out()).isZero();
    String secret = secretOf(r);
    assertThat(r.out()).contains("created client billing").contains("shown only this once");
    assertThat(stored("billing").secretHash()).isEqualTo(ClientSecrets.hash(secret));

    Run show = run("oauth", "client", "show", "billing");
    assertThat(show.code()).as(show.out()).isZero();
    assertThat(show.out())
        .contains("secret:                set")
        .contains("orders:read")
        .doesNotContain("sha256:")
        .doesNotContain(secret);
    Run list = run("oauth", "client", "list");
    assertThat(list.out())
        .contains("billing")
        .contains("client_secret_basic")
        .doesNotContain("sha256:");
  }

  @Test
  void create_refusesATakenIdAndAUserIdShape_andWrongOptions() {
    assertThat(run("oauth", "client", "create", "billing").code()).isZero();

    Run taken = run("oauth", "client", "create", "billing");
    assertThat(taken.code()).isEqualTo(1);
    assertThat(taken.out()).contains("identifier_taken").contains("oauth client update");

    Run uuid = run("oauth", "client", "create", "3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60");
    assertThat(uuid.code()).isEqualTo(1);
    assertThat(uuid.out()).contains("user id");

    Run wrongType = run("oauth", "client", "create", "x", "--type", "secretive");
    assertThat(wrongType.code()).isEqualTo(2);
    assertThat(wrongType.out()).contains("--type");
  }

  @Test
  void create_aPublicClient_printsNoSecret() {
    Run r =
        run(
            "oauth",
            "client",
            "create",
            "spa",
            "--type",
            "public",
            "--redirect-uri",
            "https://app.example.com/cb");
    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).doesNotContain("client secret");
    assertThat(stored("spa").authMethods()).containsExactly(OAuthClient.AuthMethod.NONE);
  }

  @Test
  void rotateSecret_replacesTheSecret_andTheOldStopsMatching() {
    String first = secretOf(run("oauth", "client", "create", "billing"));

    Run r = run("oauth", "client", "rotate-secret", "billing");

    assertThat(r.code()).as(r.out()).isZero();
    String second = secretOf(r);
    assertThat(second).isNotEqualTo(first);
    assertThat(stored("billing").secretHash())
        .isEqualTo(ClientSecrets.hash(second))
        .isNotEqualTo(ClientSecrets.hash(first));
    assertThat(r.out()).contains("the old one no longer works");
  }

  @Test
  void update_changesOnlyTheGivenOptions_andDisableEnable() {
    String secret = secretOf(run("oauth", "client", "create", "billing", "--scope", "a"));

    Run u = run("oauth", "client", "update", "billing", "--name", "Billing v2", "--no-consent");
    assertThat(u.code()).as(u.out()).isZero();
    OAuthClient c = stored("billing");
    assertThat(c.displayName()).isEqualTo("Billing v2");
    assertThat(c.requireConsent()).isFalse();
    assertThat(c.scopes()).containsExactly("a");
    assertThat(c.secretHash()).isEqualTo(ClientSecrets.hash(secret));

    assertThat(run("oauth", "client", "disable", "billing").code()).isZero();
    assertThat(stored("billing").enabled()).isFalse();
    assertThat(run("oauth", "client", "enable", "billing").code()).isZero();
    assertThat(stored("billing").enabled()).isTrue();

    Run missing = run("oauth", "client", "disable", "nope");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.out()).contains("not_found");
  }

  @Test
  void declaredClients_areBootstrapped_andAChangeHereIsNotedAsTemporary() {
    Map<String, String> env =
        TestConfigs.environment(
            "AUTH_OAUTH_ENABLED", "true",
            "AUTH_TOKEN_ISSUER", "https://auth.example.com",
            "AUTH_TOKEN_ALGORITHM", "ES256",
            "AUTH_OAUTH_SCOPES", "[{name = \"orders:read\", description = \"Read orders\"}]",
            "AUTH_OAUTH_CLIENTS",
                "[{client-id = declared, client-secret-env = DECLARED_SECRET,"
                    + " scopes = [\"orders:read\"]}]",
            "DECLARED_SECRET", DECLARED_SECRET);

    Run list = run(env, "oauth", "client", "list", "--data-dir", dir.toString());
    assertThat(list.code()).as(list.out()).isZero();
    assertThat(list.out()).contains("declared");

    Run show = run(env, "oauth", "client", "show", "declared", "--data-dir", dir.toString());
    assertThat(show.out()).contains("auth.oauth.clients[0]").doesNotContain(DECLARED_SECRET);

    Run disable = run(env, "oauth", "client", "disable", "declared", "--data-dir", dir.toString());
    assertThat(disable.out()).contains("the next start restores that declaration");

    Run scopes = run(env, "oauth", "scope", "list", "--data-dir", dir.toString());
    assertThat(scopes.out()).contains("orders:read").contains("Read orders");

    Run undeclared =
        run(
            env,
            "oauth",
            "client",
            "create",
            "other",
            "--scope",
            "admin",
            "--data-dir",
            dir.toString());
    assertThat(undeclared.code()).isEqualTo(1);
    assertThat(undeclared.out()).contains("does not declare admin");
  }

  @Test
  void invalidOAuthSettings_exit78_listingTheProblem() {
    Map<String, String> env =
        TestConfigs.environment("AUTH_OAUTH_ENABLED", "true", "AUTH_TOKEN_ALGORITHM", "HS256");
    Run r = run(env, "oauth", "client", "list", "--data-dir", dir.toString());
    assertThat(r.code()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(r.out()).contains("auth.token.issuer").contains("auth.token.algorithm");
  }

  @Test
  void help_listsTheOAuthCommands() {
    assertThat(run(TestConfigs.environment(), "--help").out()).contains("oauth");
    assertThat(run(TestConfigs.environment(), "oauth", "client", "--help").out())
        .contains("create", "list", "show", "update", "disable", "enable", "rotate-secret");
    assertThat(run(TestConfigs.environment(), "oauth", "scope", "list", "--help").code()).isZero();
  }
}
