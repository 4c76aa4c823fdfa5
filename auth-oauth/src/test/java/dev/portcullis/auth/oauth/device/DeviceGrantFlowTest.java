package dev.portcullis.auth.oauth.device;

import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.OAuthModule;
import dev.portcullis.auth.oauth.authorize.ClientView;
import dev.portcullis.auth.oauth.authorize.ScopeView;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.oauth.token.TokenEndpoint;
import dev.portcullis.auth.oauth.token.TokenRequest;
import dev.portcullis.auth.oauth.token.TokenResponse;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The device grant through the real modules (memory stores, the real token issuer) with a moved
 * clock: the device authorization endpoint, the verification pages' flow, and the token endpoint's
 * polls.
 */
final class DeviceGrantFlowTest {
  static final String ISSUER = "https://auth.example.com";
  static final String DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
  static final String PASSWORD = "correct horse battery staple";
  static final String CLIENTS =
      "auth.oauth.scopes = [{name = read, description = \"Read your things\"},"
          + " {name = write, description = \"Change your things\"}]\n"
          + "auth.oauth.clients = ["
          + "{client-id = cli, display-name = \"Example CLI\", type = public,"
          + "  grant-types = [\""
          + DEVICE
          + "\", refresh_token], scopes = [read, write]},"
          + "{client-id = tv, type = public, grant-types = [\""
          + DEVICE
          + "\"], scopes = [read]},"
          + "{client-id = web, type = public, grant-types = [authorization_code],"
          + "  redirect-uris = [\"https://app.example.com/cb\"], scopes = [read]}]\n";

  final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  final Injector injector = injector();
  final DeviceAuthorization authorization = injector.getInstance(DeviceAuthorization.class);
  final DeviceFlow flow = injector.getInstance(DeviceFlow.class);
  final TokenEndpoint tokens = injector.getInstance(TokenEndpoint.class);
  final OAuthTokens oauthTokens = injector.getInstance(OAuthTokens.class);

  private Injector injector() {
    Map<String, String> env = Map.of();
    PortcullisSettings all =
        PortcullisSettings.load(
            AuthConfig.load(
                "auth.environment = test\nauth.hashing.argon2.memory-kib = 1024\n"
                    + "auth.hashing.argon2.iterations = 1\nauth.token.issuer = \""
                    + ISSUER
                    + "\"\nauth.token.algorithm = RS256\nauth.oauth.enabled = true\n"
                    + CLIENTS,
                env),
            env);
    Injector created =
        StrictInjector.of(
            new AuthModule(all),
            new MemoryStoreModule(all),
            new JwtModule(all),
            new OAuthModule(all),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Clock.class)
                    .setBinding()
                    .toInstance(clock);
              }
            });
    created
        .getInstance(AccountService.class)
        .register(new Registration("ada@example.com", PASSWORD, "Ada", Set.of(), null))
        .unwrap();
    return created;
  }

  static ClientCredentials client(String id) {
    return new ClientCredentials(null, id, null, null, null);
  }

  DeviceAuthorizationResponse start(String clientId, String scope) {
    Map<String, String> params = new HashMap<>();
    if (scope != null) {
      params.put("scope", scope);
    }
    return authorization.authorize(client(clientId), params).unwrap();
  }

  Result<TokenResponse> poll(String clientId, String deviceCode) {
    return tokens.exchange(
        new TokenRequest(
            client(clientId), Map.of("grant_type", DEVICE, "device_code", deviceCode)));
  }

  /** Enters the code, logs in and confirms; the last step. */
  DeviceStep approve(String userCode, boolean approve) {
    DeviceStep.EnterCode entry = (DeviceStep.EnterCode) flow.begin(null, "198.51.100.7").unwrap();
    DeviceStep.Login login =
        (DeviceStep.Login) flow.enterCode(entry.interactionId(), userCode, "198.51.100.7").unwrap();
    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            flow.login(login.interactionId(), "ada@example.com", PASSWORD, "198.51.100.7", "ua")
                .unwrap();
    return flow.confirm(confirm.interactionId(), approve).unwrap();
  }

  // --- device authorization endpoint ---------------------------------------------------------

  @Test
  void authorization_answersBothCodesTheVerificationUrisExpiryAndAlwaysAnInterval() {
    DeviceAuthorizationResponse response = start("cli", "read");

    assertThat(response.deviceCode()).matches("[A-Za-z0-9_-]{43}"); // 256 bits
    assertThat(response.userCode()).matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}");
    assertThat(response.verificationUri()).isEqualTo(ISSUER + "/device");
    assertThat(response.verificationUriComplete())
        .isEqualTo(ISSUER + "/device?user_code=" + response.userCode());
    assertThat(response.document())
        .containsOnlyKeys(
            "device_code",
            "user_code",
            "verification_uri",
            "verification_uri_complete",
            "expires_in",
            "interval")
        .containsEntry("expires_in", 600L)
        .containsEntry("interval", 5L);
    assertThat(response.toString()).doesNotContain(response.deviceCode(), response.userCode());
  }

  @Test
  void authorization_ofAClientWithoutTheDeviceGrant_isUnauthorizedClient() {
    assertThat(authorization.authorize(client("web"), Map.of())).isErr("unauthorized_client");
  }

  @Test
  void authorization_ofAnUnknownClient_isInvalidClient() {
    assertThat(authorization.authorize(client("nobody"), Map.of())).isErr("invalid_client");
  }

  @Test
  void authorization_scopeBeyondTheClients_isInvalidScope() {
    assertThat(authorization.authorize(client("tv"), Map.of("scope", "read write")))
        .isErr("invalid_scope")
        .hasMessageContaining("write");
  }

  @Test
  void authorization_withoutScope_grantsTheRegisteredScopes() {
    DeviceAuthorizationResponse started = start("cli", null);
    approve(started.userCode(), true);

    assertThat(poll("cli", started.deviceCode()).unwrap().scope()).isEqualTo("read write");
  }

  // --- polling ---------------------------------------------------------------------------------

  @Test
  void poll_beforeApproval_isAuthorizationPending_andTheFirstPollIsNeverThrottled() {
    DeviceAuthorizationResponse started = start("cli", "read");

    // At once, without waiting any interval.
    assertThat(poll("cli", started.deviceCode()))
        .isErr("authentication_pending")
        .hasOauthError("authorization_pending");
  }

  @Test
  void poll_exactlyAtTheInterval_neverDriftsIntoSlowDown() {
    DeviceAuthorizationResponse started = start("cli", "read");
    poll("cli", started.deviceCode());
    for (int i = 0; i < 100; i++) {
      clock.advance(Duration.ofSeconds(5));
      assertThat(poll("cli", started.deviceCode())).as("poll " + i).isErr("authentication_pending");
    }
  }

  @Test
  void poll_earlyByNoMoreThanTheLatencyTolerance_isNotThrottled() {
    DeviceAuthorizationResponse started = start("cli", "read");
    poll("cli", started.deviceCode());
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(4)); // interval 5 s minus the 1 s tolerance
      assertThat(poll("cli", started.deviceCode())).as("poll " + i).isErr("authentication_pending");
    }
  }

  @Test
  void poll_tooEarly_isSlowDown_andTheIntervalGrowsByFiveSecondsForThatGrantOnly() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceAuthorizationResponse other = start("cli", "read");
    poll("cli", started.deviceCode());
    poll("cli", other.deviceCode());

    clock.advance(Duration.ofMillis(3_999));
    assertThat(poll("cli", started.deviceCode()))
        .isErr("slow_down")
        .hasOauthError("slow_down")
        .hasMessageContaining("10 seconds");
    clock.advance(Duration.ofSeconds(5)); // 5 s later: too early for the grown 10 s interval
    assertThat(poll("cli", started.deviceCode()))
        .isErr("slow_down")
        .hasMessageContaining("10 seconds"); // told already: not grown again
    clock.advance(Duration.ofSeconds(10)); // at the 10 s interval
    assertThat(poll("cli", started.deviceCode())).isErr("authentication_pending");
    clock.advance(Duration.ofSeconds(10));
    assertThat(poll("cli", started.deviceCode())).isErr("authentication_pending");
    // The other grant kept its 5 s interval.
    assertThat(poll("cli", other.deviceCode())).isErr("authentication_pending");
    clock.advance(Duration.ofSeconds(5));
    assertThat(poll("cli", other.deviceCode())).isErr("authentication_pending");
  }

  @Test
  void poll_tooFastTwice_thenAtTheToldIntervals_isPendingNotSlowDown_thenTokens() {
    DeviceAuthorizationResponse started = start("cli", "read");
    poll("cli", started.deviceCode());
    clock.advance(Duration.ofSeconds(1));
    assertThat(poll("cli", started.deviceCode())).isErr("slow_down");
    clock.advance(Duration.ofSeconds(1));
    assertThat(poll("cli", started.deviceCode())).isErr("slow_down");

    // The client obeys: interval + 5 s, then (RFC 8628: 5 s more per slow_down) interval + 10 s.
    clock.advance(Duration.ofSeconds(10));
    assertThat(poll("cli", started.deviceCode())).isErr("authentication_pending");
    approve(started.userCode(), true);
    clock.advance(Duration.ofSeconds(15));
    assertThat(poll("cli", started.deviceCode())).isOk();
  }

  @Test
  void poll_aClientWhosePaceStartedBelowTheInterval_catchesUpInsteadOfBeingThrottledForever() {
    DeviceAuthorizationResponse started = start("cli", "read");
    poll("cli", started.deviceCode());
    // Its pace starts below the 5 s interval; it adds 5 s per slow_down (RFC 8628 section 3.5).
    clock.advance(Duration.ofSeconds(1));
    assertThat(poll("cli", started.deviceCode())).isErr("slow_down");
    clock.advance(Duration.ofSeconds(6));
    assertThat(poll("cli", started.deviceCode())).isErr("slow_down");

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofSeconds(11));
      assertThat(poll("cli", started.deviceCode())).as("poll " + i).isErr("authentication_pending");
    }
  }

  @Test
  void poll_afterApproval_givesTokensWithARefreshTokenOnce() {
    DeviceAuthorizationResponse started = start("cli", "read write");
    poll("cli", started.deviceCode());
    assertThat(approve(started.userCode(), true)).isEqualTo(new DeviceStep.Done(true));
    clock.advance(Duration.ofSeconds(5));

    TokenResponse response = poll("cli", started.deviceCode()).unwrap();
    assertThat(response.scope()).isEqualTo("read write");
    assertThat(response.refreshToken()).isNotNull();
    var active = oauthTokens.introspect(response.accessToken()).unwrap().orElseThrow();
    assertThat(active.clientId()).isEqualTo("cli");
    assertThat(active.subject()).isNotEqualTo("cli");
    // The refresh token works: a CLI stays signed in (flytekit users had to log in daily).
    assertThat(oauthTokens.introspect(response.refreshToken()).unwrap()).isPresent();

    clock.advance(Duration.ofSeconds(5));
    assertThat(poll("cli", started.deviceCode())).isErr("invalid_grant");
  }

  @Test
  void poll_afterAPasswordApprovalOnThePages_carriesAmrPwdInTheAccessToken() {
    DeviceAuthorizationResponse started = start("cli", "read");
    approve(started.userCode(), true);

    TokenResponse response = poll("cli", started.deviceCode()).unwrap();

    var active = oauthTokens.introspect(response.accessToken()).unwrap().orElseThrow();
    assertThat(active.claims()).containsEntry("amr", List.of("pwd"));
  }

  @Test
  void poll_carriesTheAmrTheApprovalRecorded_notAFixedPwd() {
    DeviceAuthorizationResponse started = start("cli", "read");
    String userId =
        injector
            .getInstance(UserStore.class)
            .findByIdentifier("ada@example.com")
            .orElseThrow()
            .user()
            .id();
    assertThat(
            injector
                .getInstance(DeviceGrantStore.class)
                .approve(
                    UserCodes.hash(UserCodes.normalize(started.userCode()).orElseThrow()),
                    userId,
                    UserCodes.sha256("an interaction"),
                    clock.instant(),
                    0,
                    List.of("pwd", "otp"),
                    clock.instant()))
        .isTrue();

    TokenResponse response = poll("cli", started.deviceCode()).unwrap();

    var active = oauthTokens.introspect(response.accessToken()).unwrap().orElseThrow();
    assertThat(active.claims()).containsEntry("amr", List.of("pwd", "otp"));
  }

  @Test
  void pages_aUserWithAnActiveSecondFactor_cannotApproveWithThePasswordAlone() {
    DeviceAuthorizationResponse started = start("cli", "read");
    String userId =
        injector
            .getInstance(UserStore.class)
            .findByIdentifier("ada@example.com")
            .orElseThrow()
            .user()
            .id();
    FactorStore factors = injector.getInstance(FactorStore.class);
    factors.savePending(FactorCredential.pending("f-1", userId, "totp", "opaque", clock.instant()));
    factors.activate("f-1", 1, clock.instant());
    DeviceStep.Login login =
        (DeviceStep.Login) flow.begin(started.userCode(), "198.51.100.7").unwrap();

    DeviceStep step =
        flow.login(login.interactionId(), "ada@example.com", PASSWORD, "198.51.100.7", null)
            .unwrap();

    assertThat(step).isInstanceOf(DeviceStep.Login.class);
    assertThat(((DeviceStep.Login) step).error())
        .isEqualTo(DeviceVerification.SECOND_FACTOR_NOT_OFFERED);
    assertThat(poll("cli", started.deviceCode())).isErr("authentication_pending");
  }

  @Test
  void poll_ofAClientWithoutRefreshTokenGrant_getsNoRefreshToken() {
    DeviceAuthorizationResponse started = start("tv", null);
    approve(started.userCode(), true);

    TokenResponse response = poll("tv", started.deviceCode()).unwrap();
    assertThat(response.refreshToken()).isNull();
    assertThat(response.document()).doesNotContainKey("refresh_token");
  }

  @Test
  void poll_afterDenial_isAccessDenied() {
    DeviceAuthorizationResponse started = start("cli", "read");
    assertThat(approve(started.userCode(), false)).isEqualTo(new DeviceStep.Done(false));

    assertThat(poll("cli", started.deviceCode())).isErr("access_denied");
  }

  @Test
  void poll_afterExpiry_isExpiredToken() {
    DeviceAuthorizationResponse started = start("cli", "read");
    clock.advance(Duration.ofMinutes(10));

    assertThat(poll("cli", started.deviceCode())).isErr("expired_token");
  }

  @Test
  void poll_withAnotherClientsDeviceCode_isInvalidGrant_andLeavesTheGrantAlone() {
    DeviceAuthorizationResponse started = start("tv", "read");
    approve(started.userCode(), true);

    assertThat(poll("cli", started.deviceCode())).isErr("invalid_grant");
    assertThat(poll("cli", started.deviceCode())).isErr("invalid_grant");
    // Neither consumed nor throttled by the other client's polls.
    assertThat(poll("tv", started.deviceCode())).isOk();
  }

  @Test
  void poll_withoutDeviceCode_isInvalidRequest_andAnUnknownOne_isInvalidGrant() {
    assertThat(tokens.exchange(new TokenRequest(client("cli"), Map.of("grant_type", DEVICE))))
        .isErr("invalid_request")
        .hasMessageContaining("device_code");
    assertThat(poll("cli", "no-such-code")).isErr("invalid_grant");
  }

  @Test
  void poll_byAClientWithoutTheDeviceGrant_isUnauthorizedClient() {
    DeviceAuthorizationResponse started = start("cli", "read");

    assertThat(poll("web", started.deviceCode())).isErr("unauthorized_client");
  }

  // --- verification pages ------------------------------------------------------------------------

  @Test
  void pages_enterCodeLoginConfirm_nameTheClientAndTheScopes() {
    DeviceAuthorizationResponse started = start("cli", "write read");
    String typed = started.userCode().toLowerCase().replace("-", " ");

    DeviceStep step = flow.begin(typed, "198.51.100.7").unwrap();
    assertThat(step).isInstanceOf(DeviceStep.Login.class);
    DeviceStep.Login login = (DeviceStep.Login) step;
    assertThat(flow.csrfToken(login.interactionId())).contains(login.csrfToken());

    DeviceStep.Confirm confirm =
        (DeviceStep.Confirm)
            flow.login(login.interactionId(), "ada@example.com", PASSWORD, "198.51.100.7", null)
                .unwrap();
    assertThat(confirm.client()).isEqualTo(new ClientView("cli", "Example CLI"));
    assertThat(confirm.scopes())
        .containsExactly(
            new ScopeView("read", "Read your things"),
            new ScopeView("write", "Change your things"));
    assertThat(confirm.userCode()).isEqualTo(started.userCode());
    // A new interaction once signed in: the old id and its CSRF token are of no further use.
    assertThat(confirm.interactionId()).isNotEqualTo(login.interactionId());
    assertThat(confirm.csrfToken()).isNotEqualTo(login.csrfToken());
    assertThat(flow.csrfToken(login.interactionId())).isEmpty();
    assertThat(flow.confirm(login.interactionId(), true).unwrap())
        .isInstanceOf(DeviceStep.EnterCode.class);
  }

  @Test
  void pages_unknownOrExpiredCode_asksAgainWithAnError() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceStep.EnterCode entry = (DeviceStep.EnterCode) flow.begin(null, "198.51.100.7").unwrap();
    assertThat(entry.error()).isNull();

    DeviceStep wrong = flow.enterCode(entry.interactionId(), "BBBB-BBBB", "198.51.100.7").unwrap();
    assertThat(wrong)
        .isEqualTo(
            new DeviceStep.EnterCode(
                entry.interactionId(), entry.csrfToken(), DeviceVerification.INVALID_CODE));
    clock.advance(Duration.ofMinutes(10));
    DeviceStep expired =
        flow.enterCode(entry.interactionId(), started.userCode(), "198.51.100.7").unwrap();
    assertThat(((DeviceStep.EnterCode) expired).error()).isEqualTo(DeviceVerification.INVALID_CODE);
  }

  @Test
  void pages_wrongPassword_staysOnLoginWithPlainWords_andKeepsTheIdentifier() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceStep.Login login =
        (DeviceStep.Login) flow.begin(started.userCode(), "198.51.100.7").unwrap();

    DeviceStep.Login again =
        (DeviceStep.Login)
            flow.login(login.interactionId(), "ada@example.com", "wrong", "198.51.100.7", null)
                .unwrap();
    assertThat(again.error()).isEqualTo("The identifier or the password is wrong.");
    assertThat(again.identifier()).isEqualTo("ada@example.com");
    assertThat(again.interactionId()).isEqualTo(login.interactionId());
    assertThat(poll("cli", started.deviceCode())).isErr("authentication_pending");
  }

  @Test
  void pages_lockedAccount_andRateLimitedLogin_areShownInPlainWords() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceStep.Login login =
        (DeviceStep.Login) flow.begin(started.userCode(), "198.51.100.7").unwrap();
    DeviceStep.Login last = login;
    for (int i = 0; i < 5; i++) { // five addresses: the lockout, not the address limit, trips
      last =
          (DeviceStep.Login)
              flow.login(login.interactionId(), "ada@example.com", "wrong", "192.0.2." + i, null)
                  .unwrap();
    }
    DeviceStep.Login locked =
        (DeviceStep.Login)
            flow.login(login.interactionId(), "ada@example.com", PASSWORD, "192.0.2.99", null)
                .unwrap();
    assertThat(last.error()).isEqualTo("The identifier or the password is wrong.");
    assertThat(locked.error())
        .isEqualTo("Too many failed attempts: this account is locked until 10:05 UTC.");

    for (int i = 0; i < 5; i++) {
      flow.login(login.interactionId(), "bob@example.com", "wrong", "203.0.113.50", null);
    }
    DeviceStep.Login limited =
        (DeviceStep.Login)
            flow.login(login.interactionId(), "bob@example.com", "wrong", "203.0.113.50", null)
                .unwrap();
    assertThat(limited.error()).startsWith("Too many attempts from your network. Try again in ");
  }

  @Test
  void pages_codeEntry_isRateLimitedPerClientAddress() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceStep.EnterCode entry = (DeviceStep.EnterCode) flow.begin(null, "203.0.113.9").unwrap();
    for (int i = 0; i < 10; i++) {
      assertThat(flow.enterCode(entry.interactionId(), "BBBB-BBBB", "203.0.113.9").unwrap())
          .isInstanceOf(DeviceStep.EnterCode.class);
    }

    DeviceStep.EnterCode limited =
        (DeviceStep.EnterCode)
            flow.enterCode(entry.interactionId(), started.userCode(), "203.0.113.9").unwrap();
    assertThat(limited.error())
        .startsWith("Too many codes were entered from your network. Try again in ")
        .endsWith("seconds.");
    // Another address is not affected.
    assertThat(flow.begin(started.userCode(), "198.51.100.7").unwrap())
        .isInstanceOf(DeviceStep.Login.class);
  }

  @Test
  void pages_unknownInteraction_startsAgainAtCodeEntry() {
    assertThat(flow.csrfToken("nope")).isEmpty();
    DeviceStep step = flow.login("nope", "ada@example.com", PASSWORD, null, null).unwrap();

    assertThat(((DeviceStep.EnterCode) step).error()).isEqualTo(DeviceVerification.SESSION_EXPIRED);
  }

  @Test
  void pages_aGrantApprovedTwice_secondConfirmationAsksForTheCodeAgain() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceStep.Login a = (DeviceStep.Login) flow.begin(started.userCode(), "198.51.100.7").unwrap();
    DeviceStep.Login b = (DeviceStep.Login) flow.begin(started.userCode(), "198.51.100.8").unwrap();
    var ca =
        (DeviceStep.Confirm)
            flow.login(a.interactionId(), "ada@example.com", PASSWORD, null, null).unwrap();
    var cb =
        (DeviceStep.Confirm)
            flow.login(b.interactionId(), "ada@example.com", PASSWORD, null, null).unwrap();

    assertThat(flow.confirm(ca.interactionId(), true).unwrap())
        .isEqualTo(new DeviceStep.Done(true));
    assertThat(((DeviceStep.EnterCode) flow.confirm(cb.interactionId(), false).unwrap()).error())
        .isEqualTo(DeviceVerification.INVALID_CODE);
    assertThat(poll("cli", started.deviceCode())).isOk();
  }

  @Test
  void pages_loginAfterTheCodeExpired_asksForANewCode() {
    DeviceAuthorizationResponse started = start("cli", "read");
    DeviceStep.Login login =
        (DeviceStep.Login) flow.begin(started.userCode(), "198.51.100.7").unwrap();
    clock.advance(Duration.ofMinutes(10));

    DeviceStep step =
        flow.login(login.interactionId(), "ada@example.com", PASSWORD, null, null).unwrap();
    assertThat(((DeviceStep.EnterCode) step).error()).isEqualTo(DeviceVerification.INVALID_CODE);
  }
}
