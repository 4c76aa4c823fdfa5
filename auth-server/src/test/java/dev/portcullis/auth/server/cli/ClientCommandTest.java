package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.client.BrowserOpener;
import dev.portcullis.auth.client.CredentialKey;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.Sleeper;
import dev.portcullis.auth.client.StoredCredentials;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.oauth.authorize.AuthorizationFlow;
import dev.portcullis.auth.oauth.authorize.AuthorizationStep;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code client login|token|logout} (issue 15) against a real Portcullis server in process on a
 * loopback port. Each run is a new {@link Main}, as a new process would be: what survives between
 * runs is only the credentials directory. The device login is approved in process through {@link
 * DeviceFlow} when the CLI first waits; its waits move the shared clock instead of sleeping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class ClientCommandTest {
  private static final String DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
  private static final String PASSWORD = "correct horse battery staple 4 the cli";
  private static final String SECRET_VARIABLE = "CLI_TEST_CLIENT_SECRET";
  private static final Pattern USER_CODE = Pattern.compile("code ([A-Z0-9-]+)");

  @TempDir static Path dataDir;
  @TempDir static Path home;

  /** Each test's credentials directory, as a user's config directory would hold it. */
  private Path credentials;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
  private PortcullisServer server;
  private String issuer;

  @BeforeAll
  void start() {
    int port = freeLoopbackPort();
    issuer = "http://127.0.0.1:" + port;
    server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.token.issuer = \"" + issuer + "\"",
                        "auth.token.algorithm = RS256",
                        "auth.oauth.enabled = true",
                        "auth.oauth.scopes = [{name = read, description = \"Read your things\"}]",
                        "auth.oauth.clients = [",
                        "  {client-id = cli, display-name = \"CLI\", type = public,",
                        "   grant-types = [\"" + DEVICE + "\", refresh_token, authorization_code],",
                        "   redirect-uris = [\"http://127.0.0.1/callback\"], scopes = [read]},",
                        "  {client-id = robot, display-name = \"Robot\", type = confidential,",
                        "   auth-methods = [client_secret_basic],",
                        "   client-secret-env = " + SECRET_VARIABLE + ",",
                        "   grant-types = [client_credentials], scopes = [read]},",
                        "  {client-id = box, display-name = \"Box\", type = confidential,",
                        "   auth-methods = [client_secret_basic],",
                        "   client-secret-env = " + SECRET_VARIABLE + ",",
                        "   grant-types = [\"" + DEVICE + "\", refresh_token], scopes = [read]}",
                        "]")))
            .environment(Map.of(SECRET_VARIABLE, secret))
            .dataDir(dataDir)
            .clock(clock)
            .build()
            .start(port);
    server
        .injector()
        .getInstance(AccountService.class)
        .register(new Registration("ada@example.com", PASSWORD, "Ada", Set.of(), null))
        .unwrap();
  }

  @BeforeEach
  void freshCredentialsDir() throws IOException {
    credentials = Files.createTempDirectory(home, "credentials");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  /** One CLI process: a new Main with its own output, the shared clock, no browser. */
  private Run run(Map<String, String> env, String stdin, Sleeper sleeper, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main main =
        new Main(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .clientSeams(clock, sleeper, refuseBrowser());
    int code =
        Main.commandLine(main)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Run run(String... args) {
    return run(Map.of(), "", noWaits(), args);
  }

  private String[] target(String command, String clientId, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "client",
                command,
                "--issuer",
                issuer,
                "--client-id",
                clientId,
                "--credentials-dir",
                credentials.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Logs in with the device flow; the user approves while the CLI waits for the first time. */
  private Run deviceLogin() {
    StringWriter err = new StringWriter();
    Main main =
        new Main(Map.of(), new ByteArrayInputStream(new byte[0]))
            .clientSeams(clock, approvingOnFirstWait(err), refuseBrowser());
    StringWriter out = new StringWriter();
    int code =
        Main.commandLine(main)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(target("login", "cli", "--device", "--scope", "read"));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void
      aConfidentialClientsDeviceLogin_usesTheSecret_andRefreshesWithItWithoutBecomingAClientLogin() {
    Map<String, String> env = Map.of("BOX_SECRET", secret);
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    int code =
        Main.commandLine(
                new Main(env, new ByteArrayInputStream(new byte[0]))
                    .clientSeams(clock, approvingOnFirstWait(err), refuseBrowser()))
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(target("login", "box", "--device", "--client-secret-env", "BOX_SECRET"));
    assertThat(code).as(out + "" + err).isZero();
    StoredCredentials first = stored("box");
    clock.advance(Duration.ofHours(1));

    Run withoutSecret = run(target("token", "box"));
    Run withSecret =
        run(env, "", noWaits(), target("token", "box", "--client-secret-env", "BOX_SECRET"));

    assertThat(withoutSecret.code()).isEqualTo(1);
    assertThat(withoutSecret.err()).contains("invalid_client");
    assertThat(withSecret.code()).as(withSecret.all()).isZero();
    StoredCredentials second = stored("box");
    assertThat(withSecret.out().strip()).isEqualTo(second.accessToken());
    assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
    assertThat(out + err.toString() + withSecret.all() + withoutSecret.all())
        .doesNotContain(secret);
  }

  private Sleeper approvingOnFirstWait(StringWriter err) {
    boolean[] approved = {false};
    return wait -> {
      if (!approved[0]) {
        Matcher m = USER_CODE.matcher(err.toString());
        assertThat(m.find()).as("the CLI showed a user code: %s", err).isTrue();
        approve(m.group(1));
        approved[0] = true;
      }
      clock.advance(wait);
    };
  }

  private void approve(String userCode) {
    DeviceFlow flow = server.injector().getInstance(DeviceFlow.class);
    DeviceStep.Login login = (DeviceStep.Login) flow.begin(userCode, "192.0.2.7").unwrap();
    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            flow.login(login.interactionId(), "ada@example.com", PASSWORD, "192.0.2.7", null)
                .unwrap();
    assertThat(flow.confirm(confirm.interactionId(), true).unwrap())
        .isEqualTo(new DeviceStep.Done(true));
  }

  private StoredCredentials stored(String clientId) {
    return CredentialStore.file(credentials)
        .load(new CredentialKey(URI.create(issuer), clientId))
        .orElseThrow();
  }

  @Test
  void deviceLogin_thenANewProcessPrintsAToken_andRefreshesItAfterExpiry_withoutANewLogin() {
    Run login = deviceLogin();
    assertThat(login.code()).as(login.all()).isZero();
    assertThat(login.out()).contains("Logged in to " + issuer).contains("refresh token: kept");
    StoredCredentials first = stored("cli");
    assertThat(login.all())
        .doesNotContain(first.accessToken())
        .doesNotContain(first.refreshToken());

    Run token = run(target("token", "cli"));

    assertThat(token.code()).as(token.all()).isZero();
    assertThat(token.out()).isEqualTo(first.accessToken() + System.lineSeparator());
    assertThat(token.err()).isEmpty();

    clock.advance(Duration.ofHours(1));
    Run later = run(target("token", "cli"));

    assertThat(later.code()).as(later.all()).isZero();
    StoredCredentials second = stored("cli");
    assertThat(later.out().strip())
        .isEqualTo(second.accessToken())
        .isNotEqualTo(first.accessToken());
    assertThat(second.refreshToken()).isNotNull().isNotEqualTo(first.refreshToken());
  }

  @Test
  void browserLogin_signsInThroughTheOpenedUrl_andANewProcessPrintsTheToken() {
    List<URI> opened = new ArrayList<>();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main main =
        new Main(Map.of(), new ByteArrayInputStream(new byte[0]))
            .clientSeams(
                clock,
                noWaits(),
                uri -> {
                  opened.add(uri);
                  signInAndFollow(uri);
                });

    int code =
        Main.commandLine(main)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(target("login", "cli", "--browser", "--scope", "read", "--timeout", "30"));

    assertThat(code).as(out + "" + err).isZero();
    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).toString())
        .startsWith(issuer + "/oauth2/authorize?")
        .contains("code_challenge_method=S256");
    assertThat(out.toString()).contains("refresh token: kept");
    Run token = run(target("token", "cli"));
    assertThat(token.code()).as(token.all()).isZero();
    assertThat(token.out().strip()).isEqualTo(stored("cli").accessToken());
  }

  /** What the user's browser does: signs in, allows, and lands on the CLI's loopback listener. */
  private void signInAndFollow(URI authorizationUrl) throws IOException {
    AuthorizationFlow flow = server.injector().getInstance(AuthorizationFlow.class);
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String pair : authorizationUrl.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query
          .computeIfAbsent(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              k -> new ArrayList<>())
          .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    AuthorizationStep step = flow.beginWithAllValues(query, "127.0.0.1", "scripted").unwrap();
    if (step instanceof AuthorizationStep.Login login) {
      step =
          flow.login(login.interactionId(), "ada@example.com", PASSWORD, "127.0.0.1", "scripted")
              .unwrap();
    }
    if (step instanceof AuthorizationStep.Consent consent) {
      step = flow.consent(consent.interactionId(), true).unwrap();
    }
    assertThat(step).isInstanceOf(AuthorizationStep.Redirect.class);
    URI callback = ((AuthorizationStep.Redirect) step).location();
    try {
      HttpResponse<String> landed =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(landed.statusCode()).isEqualTo(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void logout_deletesTheCredentialsFile_andTokenThenAsksForALogin() throws IOException {
    assertThat(deviceLogin().code()).isZero();
    assertThat(files()).hasSize(1);

    Run logout = run(target("logout", "cli"));

    assertThat(logout.code()).as(logout.all()).isZero();
    assertThat(logout.out()).contains("Logged out");
    assertThat(files()).isEmpty();
    Run token = run(target("token", "cli"));
    assertThat(token.code()).isEqualTo(1);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).contains("access_token_not_found").contains("Log in again");
  }

  @Test
  void clientCredentials_withTheSecretFromAnEnvironmentVariable_neverShowsOrStoresTheSecret()
      throws IOException {
    Map<String, String> env = Map.of("ROBOT_SECRET", secret);

    Run login =
        run(
            env,
            "",
            noWaits(),
            target(
                "login",
                "robot",
                "--client-credentials",
                "--client-secret-env",
                "ROBOT_SECRET",
                "--scope",
                "read"));
    Run token =
        run(env, "", noWaits(), target("token", "robot", "--client-secret-env", "ROBOT_SECRET"));

    assertThat(login.code()).as(login.all()).isZero();
    assertThat(token.code()).as(token.all()).isZero();
    assertThat(token.out().strip()).isEqualTo(stored("robot").accessToken());
    assertThat(login.all() + token.all()).doesNotContain(secret);
    assertThat(Files.readString(files().get(0))).doesNotContain(secret);
  }

  @Test
  void
      clientCredentials_withTheSecretOnStandardInput_logsIn_andAWrongOneIsRefusedWithoutEchoingIt() {
    Run login =
        run(
            Map.of(),
            secret + "\n",
            noWaits(),
            target("login", "robot", "--client-credentials", "--scope", "read"));
    Run wrong =
        run(
            Map.of(),
            "not-the-robot-secret\n",
            noWaits(),
            target("login", "robot", "--client-credentials"));

    assertThat(login.code()).as(login.all()).isZero();
    assertThat(login.all()).doesNotContain(secret);
    assertThat(wrong.code()).isEqualTo(1);
    assertThat(wrong.err()).contains("invalid_client").doesNotContain("not-the-robot-secret");
  }

  @Test
  void clientCredentialsToken_getsANewTokenAfterExpiry_whenGivenTheSecret() {
    Map<String, String> env = Map.of("ROBOT_SECRET", secret);
    assertThat(
            run(
                    env,
                    "",
                    noWaits(),
                    target(
                        "login",
                        "robot",
                        "--client-credentials",
                        "--client-secret-env",
                        "ROBOT_SECRET",
                        "--scope",
                        "read"))
                .code())
        .isZero();
    String first = stored("robot").accessToken();
    clock.advance(Duration.ofHours(1));

    Run withoutSecret = run(target("token", "robot"));
    Run withSecret =
        run(env, "", noWaits(), target("token", "robot", "--client-secret-env", "ROBOT_SECRET"));

    assertThat(withoutSecret.code()).isEqualTo(1);
    assertThat(withoutSecret.err()).contains("access_token_not_found");
    assertThat(withSecret.code()).as(withSecret.all()).isZero();
    assertThat(withSecret.out().strip())
        .isNotEqualTo(first)
        .isEqualTo(stored("robot").accessToken());
  }

  @Test
  void token_whenTheServerCannotBeReached_exits69AndKeepsTheCredentials() throws IOException {
    URI gone = URI.create("http://127.0.0.1:" + freeLoopbackPort());
    StoredCredentials kept =
        new StoredCredentials("an-access-token", Instant.EPOCH, "a-refresh-token", Set.of("read"));
    CredentialStore.file(credentials).save(new CredentialKey(gone, "cli"), kept);

    Run token =
        run(
            "client",
            "token",
            "--issuer",
            gone.toString(),
            "--client-id",
            "cli",
            "--credentials-dir",
            credentials.toString());

    assertThat(token.code()).as(token.all()).isEqualTo(Main.EXIT_UNAVAILABLE);
    assertThat(token.out()).isEmpty();
    assertThat(token.err()).contains("temporarily_unavailable");
    assertThat(CredentialStore.file(credentials).load(new CredentialKey(gone, "cli")))
        .contains(kept);
  }

  @Test
  void login_needsExactlyOneFlow() {
    Run none = run(target("login", "cli"));
    Run two = run(target("login", "cli", "--device", "--browser"));

    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err())
        .contains("--device")
        .contains("--browser")
        .contains("--client-credentials");
    assertThat(two.code()).isEqualTo(2);
  }

  @Test
  void credentialsDir_defaultsToXdgConfigHome_thenTheHomeConfigDirectory() {
    ClientCommand.Target target = new ClientCommand.Target();

    assertThat(target.credentialsDir(Map.of("XDG_CONFIG_HOME", "/xdg")))
        .isEqualTo(Path.of("/xdg", "portcullis", "credentials"));
    assertThat(target.credentialsDir(Map.of()))
        .isEqualTo(
            Path.of(System.getProperty("user.home"), ".config", "portcullis", "credentials"));
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> list = Files.list(credentials)) {
      return list.filter(Files::isRegularFile).toList();
    }
  }

  private Sleeper noWaits() {
    return clock::advance;
  }

  private static BrowserOpener refuseBrowser() {
    return uri -> {
      throw new AssertionError("no browser in this test: " + uri);
    };
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
