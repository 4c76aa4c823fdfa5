package dev.portcullis.auth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device authorization grant as node's {@code openid-client} runs it against a real server
 * (issue 14): {@code initiateDeviceAuthorization}, then {@code pollDeviceAuthorizationGrant} while
 * this test approves or denies the user code through {@link DeviceFlow} in-process (the script
 * hands the code over to a loopback approver and waits for its answer, so nothing sleeps), a client
 * that polls too fast gets {@code slow_down}, and openid-client's own loop then takes such a grant
 * over and catches up. The script ({@code src/test/node/device.mjs}) runs once; each test reports
 * one of its checks. The server polls every second here (1 s interval, 0.5 s tolerance) so the run
 * takes seconds, not minutes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class NodeDeviceInteropTest {
  static final String DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
  static final String PASSWORD = "correct horse battery staple 4 node";

  @TempDir static Path dataDir;

  private PortcullisServer server;
  private HttpServer approver;
  private final List<String> decisions = new CopyOnWriteArrayList<>();
  private NodeScripts.Run run;
  private JsonNode result;

  @BeforeAll
  void runScript() throws IOException {
    NodeScripts.prepare();
    int port = DeviceGrantInteropTest.freeLoopbackPort();
    String issuer = "http://127.0.0.1:" + port;
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
                        "auth.oauth.device.code-lifetime = 2m",
                        "auth.oauth.device.interval = 1s",
                        "auth.oauth.device.poll-tolerance = 500ms",
                        "auth.oauth.device.interaction-lifetime = 5m",
                        "auth.oauth.clients = [{client-id = node-cli, type = public,"
                            + " grant-types = [\""
                            + DEVICE
                            + "\", refresh_token], scopes = [read, write]}]")))
            .dataDir(dataDir)
            .build()
            .start(port);
    server
        .injector()
        .getInstance(AccountService.class)
        .register(new Registration("lin@example.com", PASSWORD, "Lin", Set.of(), null))
        .unwrap();
    DeviceFlow flow = server.injector().getInstance(DeviceFlow.class);
    approver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    approver.createContext(
        "/decide",
        exchange -> {
          int status = 500;
          try {
            String[] request =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split(" ");
            boolean approve = request[0].equals("approve");
            DeviceStep done = decide(flow, request[1], approve);
            decisions.add(request[0] + " " + done);
            status = done.equals(new DeviceStep.Done(approve)) ? 204 : 500;
          } catch (RuntimeException | Error e) {
            decisions.add("failed: " + e);
          } finally {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          }
        });
    approver.start();
    try {
      run =
          NodeScripts.run(
              "device.mjs",
              Map.of(
                  "DEVICE_ISSUER",
                  issuer,
                  "DEVICE_CLIENT_ID",
                  "node-cli",
                  "DEVICE_APPROVER_URL",
                  "http://127.0.0.1:" + approver.getAddress().getPort() + "/decide"),
              Duration.ofSeconds(60));
    } catch (AssertionError e) {
      throw new AssertionError("decisions " + decisions + ": " + e.getMessage(), e);
    }
    if (run.exitCode() == 2 || run.stdout().isBlank()) {
      throw new AssertionError(
          "node device.mjs ended with exit "
              + run.exitCode()
              + " (decisions "
              + decisions
              + "):\n"
              + run.stderr());
    }
    result = run.json();
  }

  /** The user's side: the code entered, a login, the confirmation. */
  private static DeviceStep decide(DeviceFlow flow, String userCode, boolean approve) {
    DeviceStep.Login login = (DeviceStep.Login) flow.begin(userCode, "192.0.2.44").unwrap();
    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            flow.login(login.interactionId(), "lin@example.com", PASSWORD, "192.0.2.44", null)
                .unwrap();
    return flow.confirm(confirm.interactionId(), approve).unwrap();
  }

  @AfterAll
  void stop() {
    if (approver != null) {
      approver.stop(0);
    }
    if (server != null) {
      server.stop();
    }
  }

  private void passed(String check) {
    JsonNode failure = result.path("failed").path(check);
    assertThat(failure.isMissingNode()).as("%s failed: %s", check, failure.asText()).isTrue();
    assertThat(result.path("passed"))
        .as("%s did not run; stderr:\n%s", check, run.stderr())
        .anyMatch(n -> n.asText().equals(check));
  }

  @Test
  void everyCheckPassed_andTheScriptExitedZero() {
    assertThat(result.path("failed").size())
        .as("failed checks: %s", result.path("failed"))
        .isZero();
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(decisions)
        .containsExactly(
            "approve Done[approved=true]",
            "approve Done[approved=true]",
            "deny Done[approved=false]");
  }

  @Test
  void discovery_findsTheDeviceEndpointAndGrant() {
    passed("discovery");
  }

  @Test
  void pollDeviceAuthorizationGrant_getsTokensWithARefreshTokenOnceApproved() {
    passed("device_flow_approved");
  }

  @Test
  void aClientPollingTooFast_getsSlowDown() {
    passed("too_fast_is_slow_down");
  }

  @Test
  void pollDeviceAuthorizationGrant_afterATooFastStart_catchesUpAndGetsTokens() {
    passed("openid_client_catches_up_after_slow_down");
  }

  @Test
  void pollDeviceAuthorizationGrant_readsTheUsersDenialAsAccessDenied() {
    passed("denied");
  }
}
