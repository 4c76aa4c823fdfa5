package dev.portcullis.auth.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.oauth.device.DeviceAuthorization;
import dev.portcullis.auth.oauth.device.DeviceAuthorizationResponse;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /device} verification flow on two server instances sharing one database (two wirings
 * on one H2 database): every step may land on either instance, as behind a load balancer without
 * sticky sessions, since the interactions live in the shared {@code InteractionStore}.
 */
final class DeviceInteractionsAcrossInstancesTest {
  static final String DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
  static final String PASSWORD = "correct horse battery staple 4 fleet";

  @TempDir Path dirA;
  @TempDir Path dirB;

  private final String url =
      "jdbc:h2:mem:device_fleet_"
          + UUID.randomUUID()
          + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  private PortcullisServer a;
  private PortcullisServer b;

  private PortcullisServer instance(Path dataDir) {
    return PortcullisServer.builder()
        .config(
            TestConfigs.config(
                String.join(
                    "\n",
                    "auth.server.store = jdbc",
                    "auth.store.jdbc.url = \"" + url + "\"",
                    "auth.store.jdbc.migrate-on-start = true",
                    "auth.token.issuer = \"http://127.0.0.1:8080\"",
                    "auth.token.algorithm = RS256",
                    "auth.oauth.enabled = true",
                    "auth.oauth.device.start-rate = \"2/minute\"",
                    "auth.oauth.clients = [{client-id = fleet-cli, type = public,"
                        + " grant-types = [\""
                        + DEVICE
                        + "\"], scopes = [read]}]")))
        .dataDir(dataDir)
        .build();
  }

  @AfterEach
  void stop() {
    for (PortcullisServer s : new PortcullisServer[] {a, b}) {
      if (s != null) {
        s.close();
      }
    }
  }

  @Test
  void anInteractionStartedOnA_continuesOnB_andBackOnA() {
    a = instance(dirA);
    b = instance(dirB);
    a.injector()
        .getInstance(AccountService.class)
        .register(new Registration("kim@example.com", PASSWORD, "Kim", Set.of(), null))
        .unwrap();
    DeviceAuthorizationResponse started =
        a.injector()
            .getInstance(DeviceAuthorization.class)
            .authorize(new ClientCredentials(null, "fleet-cli", null, null, null), Map.of())
            .unwrap();
    DeviceFlow onA = a.injector().getInstance(DeviceFlow.class);
    DeviceFlow onB = b.injector().getInstance(DeviceFlow.class);

    DeviceStep.EnterCode entry = (DeviceStep.EnterCode) onA.begin(null, "192.0.2.7").unwrap();
    assertThat(onB.csrfToken(entry.interactionId())).contains(entry.csrfToken());
    DeviceStep.Login login =
        (DeviceStep.Login)
            onB.enterCode(entry.interactionId(), started.userCode(), "192.0.2.7").unwrap();
    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            onA.login(login.interactionId(), "kim@example.com", PASSWORD, "192.0.2.7", null)
                .unwrap();
    assertThat(onB.confirm(confirm.interactionId(), true).unwrap())
        .isEqualTo(new DeviceStep.Done(true));
    // Finished: neither instance knows the interaction any more.
    assertThat(onA.csrfToken(confirm.interactionId())).isEmpty();
  }

  @Test
  void startingInteractions_isLimitedPerAddress_withATypedError() {
    a = instance(dirA);
    DeviceFlow flow = a.injector().getInstance(DeviceFlow.class);
    assertThat(flow.begin(null, "192.0.2.8").isOk()).isTrue();
    assertThat(flow.begin(null, "192.0.2.8").isOk()).isTrue();

    Result<DeviceStep> third = flow.begin(null, "192.0.2.8");

    assertThat(third.isOk()).isFalse();
    assertThat(((Result.Err<DeviceStep>) third).error().code()).isEqualTo("rate_limited");
    assertThat(flow.begin(null, "198.51.100.9").isOk()).as("another address").isTrue();
  }
}
