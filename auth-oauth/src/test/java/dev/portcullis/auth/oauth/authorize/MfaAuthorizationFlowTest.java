package dev.portcullis.auth.oauth.authorize;

import static dev.portcullis.auth.oauth.authorize.Fixture.PASSWORD;
import static dev.portcullis.auth.oauth.authorize.Fixture.USER;
import static dev.portcullis.auth.oauth.authorize.Fixture.params;
import static dev.portcullis.auth.oauth.authorize.Fixture.webRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.mfa.MfaAttempts;
import dev.portcullis.auth.core.mfa.MfaModule;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.core.mfa.MfaSettings;
import dev.portcullis.auth.core.mfa.Totp;
import dev.portcullis.auth.jwt.OAuthTokens;
import dev.portcullis.auth.oauth.token.TokenResponse;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sign-in pages' second-factor step: password, then a TOTP or recovery code, then consent. */
final class MfaAuthorizationFlowTest {

  private final Fixture fx = new Fixture(new MfaModule(MfaSettings.forTests()));
  private MfaService mfa;
  private byte[] seed;
  private List<String> recoveryCodes;

  @BeforeEach
  void enrol() {
    mfa = fx.get(MfaService.class);
    User user = fx.get(UserStore.class).findById(fx.userId).orElseThrow().user();
    String secret = (String) mfa.enrolTotp(user).unwrap().details().get("secret");
    seed = base32(secret);
    recoveryCodes = mfa.confirmTotp(fx.userId, code()).unwrap();
    // The confirmation used this step's code: the flows below run in the next step.
    fx.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
  }

  private String code() {
    return Totp.code(seed, Totp.step(fx.clock.instant()));
  }

  private AuthorizationStep.Login begin() {
    return (AuthorizationStep.Login) fx.flow().begin(webRequest(), "10.0.0.1", "test").unwrap();
  }

  private AuthorizationStep.Mfa passwordOf(AuthorizationStep.Login login) {
    return (AuthorizationStep.Mfa)
        fx.flow().login(login.interactionId(), USER, PASSWORD, "10.0.0.1", "test").unwrap();
  }

  private AuthorizationStep answer(AuthorizationStep.Mfa at, String code) {
    return fx.flow().mfa(at.interactionId(), code).unwrap();
  }

  @Test
  void thePassword_leadsToTheCodeStep_thenConsent_andTheTokensSayPwdOtp() throws Exception {
    AuthorizationStep.Mfa step = passwordOf(begin());
    assertThat(step.error()).isNull();
    assertThat(step.client().displayName()).isEqualTo("Notes Web");

    var consent = (AuthorizationStep.Consent) answer(step, code());
    var redirect =
        (AuthorizationStep.Redirect) fx.flow().consent(consent.interactionId(), true).unwrap();
    TokenResponse tokens = fx.redeemWeb(params(redirect.location()).get("code")).unwrap();

    assertThat(SignedJWT.parse(tokens.idToken()).getJWTClaimsSet().getStringListClaim("amr"))
        .containsExactly("pwd", "otp");
    OAuthTokens.ActiveToken at =
        fx.get(OAuthTokens.class).introspect(tokens.accessToken()).unwrap().orElseThrow();
    assertThat(at.claims()).containsEntry("amr", List.of("pwd", "otp"));
  }

  @Test
  void consentCannotBeReachedWithoutTheCode() {
    AuthorizationStep.Mfa step = passwordOf(begin());

    assertThat(fx.flow().consent(step.interactionId(), true).unwrap())
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
    // Posting the login form again does not skip the code either.
    assertThat(fx.flow().login(step.interactionId(), USER, PASSWORD, "10.0.0.1", "t").unwrap())
        .isInstanceOf(AuthorizationStep.Mfa.class);
  }

  @Test
  void aWrongCode_showsTheStepAgain_sayingHowManyAttemptsAreLeft_andCountsInTheTracker() {
    AuthorizationStep.Mfa step = passwordOf(begin());

    var again = (AuthorizationStep.Mfa) answer(step, "000000".equals(code()) ? "111111" : "000000");

    assertThat(again.error()).isEqualTo("That code is wrong or was already used. 4 attempts left.");
    LockStatus status = fx.get(LoginAttemptTracker.class).status(MfaAttempts.key(fx.userId));
    assertThat(status.failures()).isEqualTo(1);
    assertThat(answer(again, code())).isInstanceOf(AuthorizationStep.Consent.class);
  }

  @Test
  void fiveWrongCodes_endTheSignIn_inPlainWords_andTheRightCodeNoLongerHelps() {
    AuthorizationStep.Mfa step = passwordOf(begin());
    String wrong = "000000".equals(code()) ? "111111" : "000000";
    AuthorizationStep last = step;
    for (int i = 0; i < 5; i++) {
      last = answer(step, wrong);
    }

    assertThat(last)
        .isEqualTo(
            new AuthorizationStep.ErrorPage(
                "access_denied", InteractiveAuthorizationFlow.TOO_MANY_CODES));
    assertThat(fx.flow().csrfToken(step.interactionId())).isEmpty();
    assertThat(answer(step, code())).isInstanceOf(AuthorizationStep.ErrorPage.class);
  }

  @Test
  void aCodeAfterTheChallengeLifetime_endsTheSignIn() {
    AuthorizationStep.Mfa step = passwordOf(begin());
    fx.clock.advance(Duration.ofMinutes(5));

    assertThat(answer(step, code()))
        .isEqualTo(
            new AuthorizationStep.ErrorPage(
                "access_denied", InteractiveAuthorizationFlow.CODE_TOO_LATE));
  }

  @Test
  void theSameCodeInASecondFlow_isRefused() {
    String code = code();
    assertThat(answer(passwordOf(begin()), code)).isInstanceOf(AuthorizationStep.Consent.class);

    var second = (AuthorizationStep.Mfa) answer(passwordOf(begin()), code);

    assertThat(second.error()).startsWith("That code is wrong or was already used.");
  }

  @Test
  void aRecoveryCode_works_once() {
    String recovery = recoveryCodes.get(0).toUpperCase(Locale.ROOT);
    assertThat(answer(passwordOf(begin()), recovery)).isInstanceOf(AuthorizationStep.Consent.class);

    assertThat(((AuthorizationStep.Mfa) answer(passwordOf(begin()), recovery)).error())
        .startsWith("That code is wrong or was already used.");
    assertThat(mfa.remainingRecoveryCodes(fx.userId)).isEqualTo(recoveryCodes.size() - 1);
  }

  @Test
  void theInteractionHoldsNoCode_andAPasswordOnlyCodeStillSaysPwd() throws Exception {
    AuthorizationStep.Mfa step = passwordOf(begin());
    String code = code();
    answer(step, code);
    assertThat(
            fx.get(InteractionStore.class)
                .find(Randoms.sha256Hex(step.interactionId()), fx.clock.instant())
                .orElseThrow()
                .state())
        .doesNotContainValue(code)
        .containsEntry("amr", "pwd otp");

    mfa.reset(fx.userId);
    String plain = params(fx.authorize(webRequest())).get("code");
    String idToken = fx.redeemWeb(plain).unwrap().idToken();
    assertThat(SignedJWT.parse(idToken).getJWTClaimsSet().getStringListClaim("amr"))
        .containsExactly("pwd");
  }

  /** RFC 4648 base32 without padding, as in otpauth URIs. */
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
