package dev.portcullis.auth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.oauth.device.DeviceFlow;
import dev.portcullis.auth.oauth.device.DeviceStep;
import dev.portcullis.auth.server.Api;
import dev.portcullis.auth.server.Api.Res;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import dev.portcullis.auth.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * The device authorization grant (RFC 8628) of a real server over loopback HTTP, with the user's
 * side driven in-process through {@link DeviceFlow} and the server's clock moved by the test; and
 * Spring Security's OAuth client reading the metadata ({@code
 * ClientRegistrations.fromIssuerLocation}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class DeviceGrantInteropTest {
  static final String DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String PASSWORD = "correct horse battery staple 4 devices";

  @TempDir static Path dataDir;

  private final MutableClock clock = MutableClock.at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private PortcullisServer server;
  private String issuer;
  private Api api;
  private DeviceFlow flow;

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
                        "auth.oauth.scopes = [{name = read, description = \"Read your things\"},"
                            + " {name = write, description = \"Change your things\"}]",
                        "auth.oauth.clients = [{client-id = device-cli, display-name = \"CLI\","
                            + " type = public, grant-types = [\""
                            + DEVICE
                            + "\", refresh_token], scopes = [read, write]}]")))
            .dataDir(dataDir)
            .clock(clock)
            .build()
            .start(port);
    api = new Api(server.uri());
    flow = server.injector().getInstance(DeviceFlow.class);
    server
        .injector()
        .getInstance(AccountService.class)
        .register(new Registration("grace@example.com", PASSWORD, "Grace", Set.of(), null))
        .unwrap();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private Res post(String path, String form) {
    return api.post(path).raw(FORM, form).send();
  }

  private Res poll(String deviceCode) {
    return post(
        "/oauth2/token",
        "grant_type="
            + URLEncoder.encode(DEVICE, StandardCharsets.UTF_8)
            + "&client_id=device-cli&device_code="
            + deviceCode);
  }

  private void approve(String userCode) {
    DeviceStep.Login login = (DeviceStep.Login) flow.begin(userCode, "192.0.2.1").unwrap();
    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            flow.login(login.interactionId(), "grace@example.com", PASSWORD, "192.0.2.1", null)
                .unwrap();
    assertThat(flow.confirm(confirm.interactionId(), true).unwrap())
        .isEqualTo(new DeviceStep.Done(true));
  }

  @Test
  void deviceFlow_overHttp_pendingSlowDownThenTokensWithARefreshToken() {
    Res started = post("/oauth2/device_authorization", "client_id=device-cli&scope=read");
    assertThat(started.status()).as(started.toString()).isEqualTo(200);
    assertThat(started.header("Cache-Control")).contains("no-store");
    JsonNode body = started.json();
    assertThat(body.path("verification_uri").asText()).isEqualTo(issuer + "/device");
    assertThat(body.path("interval").asInt()).isEqualTo(5);
    String deviceCode = body.path("device_code").asText();

    Res pending = poll(deviceCode);
    assertThat(pending.status()).isEqualTo(400);
    assertThat(pending.json().path("error").asText()).isEqualTo("authorization_pending");
    Res tooFast = poll(deviceCode);
    assertThat(tooFast.json().path("error").asText()).isEqualTo("slow_down");

    approve(body.path("user_code").asText());
    clock.advance(Duration.ofSeconds(10));
    Res tokens = poll(deviceCode);
    assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
    assertThat(tokens.json().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(tokens.json().path("scope").asText()).isEqualTo("read");
    assertThat(tokens.json().path("refresh_token").asText()).isNotEmpty();

    clock.advance(Duration.ofSeconds(10));
    Res refreshed =
        post(
            "/oauth2/token",
            "grant_type=refresh_token&client_id=device-cli&refresh_token="
                + tokens.json().path("refresh_token").asText());
    assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
    assertThat(poll(deviceCode).json().path("error").asText()).isEqualTo("invalid_grant");
  }

  @Test
  void deviceAuthorization_errorsAreRfc6749Json() {
    Res unknown = post("/oauth2/device_authorization", "client_id=nobody");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.json().path("error").asText()).isEqualTo("invalid_client");
    Res scope = post("/oauth2/device_authorization", "client_id=device-cli&scope=admin");
    assertThat(scope.status()).isEqualTo(400);
    assertThat(scope.json().path("error").asText()).isEqualTo("invalid_scope");
    assertThat(scope.header("Content-Type").orElseThrow()).startsWith("application/json");
  }

  @Test
  void metadata_namesTheDeviceEndpointAndGrant() {
    JsonNode metadata = api.get("/.well-known/oauth-authorization-server").send().json();

    assertThat(metadata.path("device_authorization_endpoint").asText())
        .isEqualTo(issuer + "/oauth2/device_authorization");
    assertThat(metadata.path("grant_types_supported").toString()).contains(DEVICE);
  }

  @Test
  void springClientRegistrations_readTheMetadataFromTheIssuer() {
    ClientRegistration registration =
        ClientRegistrations.fromIssuerLocation(issuer)
            .registrationId("portcullis")
            .clientId("device-cli")
            // The device grant: the authorization endpoint (authorization code) is not needed.
            .authorizationGrantType(AuthorizationGrantType.DEVICE_CODE)
            .build();

    assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(issuer);
    assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(issuer + "/oauth2/token");
    assertThat(registration.getProviderDetails().getJwkSetUri())
        .isEqualTo(issuer + "/.well-known/jwks.json");
    assertThat(registration.getProviderDetails().getConfigurationMetadata())
        .containsEntry("device_authorization_endpoint", issuer + "/oauth2/device_authorization");
  }

  static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
