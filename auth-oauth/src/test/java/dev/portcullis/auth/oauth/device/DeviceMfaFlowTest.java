package dev.portcullis.auth.oauth.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.mfa.MfaModule;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.mfa.MfaSettings;
import dev.portcullis.auth.core.mfa.Totp;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.oauth.OAuthModule;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The device verification page's second-factor step, through the real modules. */
final class DeviceMfaFlowTest {
  static final String DEVICE = "urn:ietf:params:oauth:grant-type:device_code";
  static final String PASSWORD = "correct horse battery staple";
  static final String IDENTIFIER = "ada@example.com";

  final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  Injector injector;
  DeviceFlow flow;
  String userId;
  byte[] seed;

  private void start(boolean withMfaModule) {
    Map<String, String> env = Map.of();
    PortcullisSettings all =
        PortcullisSettings.load(
            AuthConfig.load(
                "auth.environment = test\nauth.hashing.argon2.memory-kib = 1024\n"
                    + "auth.hashing.argon2.iterations = 1\n"
                    + "auth.token.issuer = \"https://auth.example.com\"\n"
                    + "auth.token.algorithm = RS256\nauth.oauth.enabled = true\n"
                    + "auth.oauth.scopes = [{name = read, description = \"Read\"}]\n"
                    + "auth.oauth.clients = [{client-id = cli, type = public, grant-types = [\""
                    + DEVICE
                    + "\"], scopes = [read]}]\n",
                env),
            env);
    AbstractModule clockModule =
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
          }
        };
    injector =
        withMfaModule
            ? StrictInjector.of(
                new AuthModule(all),
                new MemoryStoreModule(all),
                new JwtModule(all),
                new OAuthModule(all),
                new MfaModule(MfaSettings.forTests()),
                clockModule)
            : StrictInjector.of(
                new AuthModule(all),
                new MemoryStoreModule(all),
                new JwtModule(all),
                new OAuthModule(all),
                clockModule);
    userId =
        injector
            .getInstance(AccountService.class)
            .register(new Registration(IDENTIFIER, PASSWORD, "Ada", Set.of(), null))
            .unwrap()
            .id();
    flow = injector.getInstance(DeviceFlow.class);
  }

  private void enrol() {
    MfaService mfa = injector.getInstance(MfaService.class);
    User user = injector.getInstance(UserStore.class).findById(userId).orElseThrow().user();
    seed = base32((String) mfa.enrolTotp(user).unwrap().details().get("secret"));
    mfa.confirmTotp(userId, code()).unwrap();
    clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
  }

  private String code() {
    return Totp.code(seed, Totp.step(clock.instant()));
  }

  private String wrongCode() {
    return "000000".equals(code()) ? "111111" : "000000";
  }

  private String userCode() {
    return injector
        .getInstance(DeviceAuthorization.class)
        .authorize(new ClientCredentials(null, "cli", null, null, null), Map.of("scope", "read"))
        .unwrap()
        .userCode();
  }

  private DeviceStep password(String userCode) {
    var entry = (DeviceStep.EnterCode) flow.begin(null, "198.51.100.7").unwrap();
    var login =
        (DeviceStep.Login) flow.enterCode(entry.interactionId(), userCode, "198.51.100.7").unwrap();
    return flow.login(login.interactionId(), IDENTIFIER, PASSWORD, "198.51.100.7", "ua").unwrap();
  }

  @Test
  void anEnrolledUser_getsTheCodeStep_thenTheConfirmation() {
    start(true);
    enrol();

    var mfa = (DeviceStep.Mfa) password(userCode());
    assertThat(mfa.error()).isNull();
    var confirm = (DeviceStep.Confirm) flow.mfa(mfa.interactionId(), code()).unwrap();

    assertThat(flow.confirm(confirm.interactionId(), true).unwrap())
        .isEqualTo(new DeviceStep.Done(true));
  }

  @Test
  void theConfirmationCannotBeReachedWithoutTheCode() {
    start(true);
    enrol();
    var mfa = (DeviceStep.Mfa) password(userCode());

    assertThat(flow.confirm(mfa.interactionId(), true).unwrap())
        .isInstanceOf(DeviceStep.EnterCode.class);
  }

  @Test
  void aWrongCode_saysHowManyAttemptsAreLeft_andFiveEndTheSignIn() {
    start(true);
    enrol();
    var mfa = (DeviceStep.Mfa) password(userCode());

    var again = (DeviceStep.Mfa) flow.mfa(mfa.interactionId(), wrongCode()).unwrap();
    assertThat(again.error()).isEqualTo("That code is wrong or was already used. 4 attempts left.");
    DeviceStep last = again;
    for (int i = 0; i < 4; i++) {
      last = flow.mfa(mfa.interactionId(), wrongCode()).unwrap();
    }

    assertThat(last).isInstanceOf(DeviceStep.EnterCode.class);
    assertThat(((DeviceStep.EnterCode) last).error()).isEqualTo(DeviceVerification.TOO_MANY_CODES);
    assertThat(flow.mfa(mfa.interactionId(), code()).unwrap())
        .isInstanceOf(DeviceStep.EnterCode.class);
  }

  @Test
  void theSameCodeForASecondDevice_isRefused() {
    start(true);
    enrol();
    String code = code();
    var first = (DeviceStep.Mfa) password(userCode());
    assertThat(flow.mfa(first.interactionId(), code).unwrap())
        .isInstanceOf(DeviceStep.Confirm.class);

    var second = (DeviceStep.Mfa) password(userCode());

    assertThat(((DeviceStep.Mfa) flow.mfa(second.interactionId(), code).unwrap()).error())
        .startsWith("That code is wrong or was already used.");
  }

  @Test
  void withoutMfaModule_aUserWithAnActiveFactor_isRefusedAtThePassword() {
    start(false);
    FactorStore factors = injector.getInstance(FactorStore.class);
    factors.savePending(FactorCredential.pending("f-1", userId, "totp", "x", clock.instant()));
    factors.activate("f-1", 1, clock.instant());

    var login = (DeviceStep.Login) password(userCode());

    assertThat(login.error()).isEqualTo(DeviceVerification.SECOND_FACTOR_NOT_OFFERED);
  }

  static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int buffer = 0;
    int bits = 0;
    for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out.write((buffer >> (bits - 8)) & 0xff);
        bits -= 8;
      }
    }
    return out.toByteArray();
  }
}
