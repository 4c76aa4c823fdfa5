package dev.portcullis.auth.oauth.authorize;

import static dev.portcullis.auth.oauth.authorize.Fixture.PASSWORD;
import static dev.portcullis.auth.oauth.authorize.Fixture.USER;
import static dev.portcullis.auth.oauth.authorize.Fixture.params;
import static dev.portcullis.auth.oauth.authorize.Fixture.webRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The browser interaction: login, consent, code. */
final class InteractiveAuthorizationFlowTest {

  private final Fixture fx = new Fixture();

  private AuthorizationStep.Login begin(Map<String, String> query) {
    return (AuthorizationStep.Login) fx.flow().begin(query, "10.0.0.1", "test").unwrap();
  }

  private AuthorizationStep login(AuthorizationStep.Login at, String password) {
    return fx.flow().login(at.interactionId(), USER, password, "10.0.0.1", "test").unwrap();
  }

  @Test
  void loginThenConsent_redirectsWithCodeStateAndIss_andRecordsTheConsent() {
    AuthorizationStep afterLogin = login(begin(webRequest()), PASSWORD);

    var consent = (AuthorizationStep.Consent) afterLogin;
    assertThat(consent.client().displayName()).isEqualTo("Notes Web");
    assertThat(consent.scopes())
        .containsExactly(
            new ScopeView("openid", "Sign you in"), new ScopeView("read", "Read your notes"));

    var redirect =
        (AuthorizationStep.Redirect) fx.flow().consent(consent.interactionId(), true).unwrap();

    assertThat(redirect.location().toString()).startsWith(Fixture.WEB_REDIRECT + "?code=");
    Map<String, String> p = params(redirect.location());
    assertThat(p.get("code")).matches("[A-Za-z0-9_-]{43}");
    assertThat(p).containsEntry("state", "st-1").containsEntry("iss", Fixture.ISSUER);
    assertThat(fx.get(ConsentStore.class).find(fx.userId, "web").orElseThrow().scopes())
        .containsExactlyInAnyOrder("openid", "read");
  }

  @Test
  void consentAlreadyCoveringTheScopes_isSkipped_aWiderRequestAsksAgain() {
    fx.get(ConsentStore.class)
        .grant(fx.userId, "web", Set.of("openid", "read"), fx.clock.instant());

    assertThat(login(begin(webRequest()), PASSWORD)).isInstanceOf(AuthorizationStep.Redirect.class);
    assertThat(login(begin(webRequest("scope", "read")), PASSWORD))
        .isInstanceOf(AuthorizationStep.Redirect.class);
    assertThat(login(begin(webRequest("scope", "read write")), PASSWORD))
        .isInstanceOf(AuthorizationStep.Consent.class);
  }

  @Test
  void aClientThatRequiresNoConsent_getsTheCodeAfterLogin() {
    AuthorizationStep step =
        login(
            begin(webRequest("client_id", "first", "redirect_uri", "https://first.example.com/cb")),
            PASSWORD);

    assertThat(step).isInstanceOf(AuthorizationStep.Redirect.class);
    assertThat(params(((AuthorizationStep.Redirect) step).location())).containsKey("code");
    assertThat(fx.get(ConsentStore.class).find(fx.userId, "first")).isEmpty();
  }

  @Test
  void denyingConsent_redirectsAccessDenied_withStateAndIss_andRecordsNothing() {
    var consent = (AuthorizationStep.Consent) login(begin(webRequest()), PASSWORD);

    var redirect =
        (AuthorizationStep.Redirect) fx.flow().consent(consent.interactionId(), false).unwrap();

    assertThat(params(redirect.location()))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "st-1")
        .containsEntry("iss", Fixture.ISSUER)
        .doesNotContainKey("code");
    assertThat(fx.get(ConsentStore.class).find(fx.userId, "web")).isEmpty();
  }

  @Test
  void aWrongPassword_showsTheLoginAgain_inPlainWords_withTheIdentifier() {
    var login = begin(webRequest());

    var again = (AuthorizationStep.Login) login(login, "wrong password!");

    assertThat(again.error()).isEqualTo("The e-mail address or the password is wrong.");
    assertThat(again.identifier()).isEqualTo(USER);
    assertThat(again.interactionId()).isEqualTo(login.interactionId());
    assertThat(again.error()).doesNotContain("wrong password!");
  }

  @Test
  void aLockedAccount_saysUntilWhen_andTheRightPasswordDoesNotGetIn() {
    var login = begin(webRequest());
    for (int i = 0; i < 5; i++) {
      fx.flow().login(login.interactionId(), USER, "bad-" + i, "10.0.0." + i, "test").unwrap();
    }

    var locked = (AuthorizationStep.Login) login(login, PASSWORD);

    assertThat(locked.error()).startsWith("Too many failed attempts: this account is locked until");
    assertThat(locked.error()).contains("UTC");
  }

  @Test
  void tooManyAttemptsFromOneAddress_saysWhenToTryAgain() {
    var login = begin(webRequest());
    AuthorizationStep.Login last = null;
    for (int i = 0; i < 6; i++) {
      last =
          (AuthorizationStep.Login)
              fx.flow()
                  .login(login.interactionId(), "user" + i + "@example.com", "x", "10.9.9.9", "t")
                  .unwrap();
    }

    assertThat(last.error())
        .startsWith("Too many sign-in attempts from your network. Try again in");
  }

  @Test
  void aUserWithAnActiveSecondFactor_isNotLetInWithThePasswordAlone() {
    FactorStore factors = fx.get(FactorStore.class);
    factors.savePending(
        FactorCredential.pending("f-1", fx.userId, "totp", "opaque", fx.clock.instant()));
    factors.activate("f-1", 1, fx.clock.instant());

    var again = (AuthorizationStep.Login) login(begin(webRequest()), PASSWORD);

    assertThat(again.error()).isEqualTo(InteractiveAuthorizationFlow.SECOND_FACTOR_NOT_OFFERED);
  }

  @Test
  void theInteractionExpiresAfterTenMinutes() {
    var login = begin(webRequest());
    fx.clock.advance(Duration.ofMinutes(10));

    assertThat(fx.flow().csrfToken(login.interactionId())).isEmpty();
    assertThat(login(login, PASSWORD)).isInstanceOf(AuthorizationStep.ErrorPage.class);
  }

  @Test
  void theInteractionIsStoredUnderTheHashOfItsId_andEndsWithTheCode() {
    var login = begin(webRequest());
    InteractionStore store = fx.get(InteractionStore.class);

    assertThat(store.find(Randoms.sha256Hex(login.interactionId()), fx.clock.instant()))
        .isPresent();
    var consent = (AuthorizationStep.Consent) login(login, PASSWORD);
    fx.flow().consent(consent.interactionId(), true).unwrap();

    assertThat(store.find(Randoms.sha256Hex(login.interactionId()), fx.clock.instant())).isEmpty();
    assertThat(fx.flow().consent(consent.interactionId(), true).unwrap())
        .as("a second approval issues no second code")
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
  }

  @Test
  void consentBeforeLogin_orUnknownInteraction_isAnErrorPage() {
    var login = begin(webRequest());

    assertThat(fx.flow().consent(login.interactionId(), true).unwrap())
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
    assertThat(fx.flow().consent("no-such-interaction", true).unwrap())
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
    assertThat(fx.flow().csrfToken("no-such-interaction")).isEmpty();
  }
}
