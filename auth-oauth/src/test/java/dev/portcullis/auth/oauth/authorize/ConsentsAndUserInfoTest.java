package dev.portcullis.auth.oauth.authorize;

import static dev.portcullis.auth.oauth.authorize.Fixture.params;
import static dev.portcullis.auth.oauth.authorize.Fixture.webRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Consent;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.oauth.token.TokenResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET/DELETE /auth/consents and /oauth2/userinfo as use cases. */
final class ConsentsAndUserInfoTest {

  private final Fixture fx = new Fixture();

  private String firstPartyToken() {
    return fx.get(TokenService.class)
        .issue(
            Authentication.of(
                fx.get(UserStore.class).findById(fx.userId).orElseThrow(),
                fx.clock.instant(),
                null,
                null))
        .unwrap()
        .accessToken();
  }

  @Test
  void list_showsTheConsentsGivenInTheFlow() {
    fx.redeemWeb(fx.webCode()).unwrap();

    List<Consent> consents = fx.get(Consents.class).list(firstPartyToken()).unwrap();

    assertThat(consents).extracting(Consent::clientId).containsExactly("web");
    assertThat(consents.get(0).scopes()).containsExactlyInAnyOrder("openid", "read");
  }

  @Test
  void withdraw_removesTheConsent_andEndsTheClientsSessions_only() {
    TokenResponse web = fx.redeemWeb(fx.webCode()).unwrap();
    String firstCode =
        params(
                fx.authorize(
                    webRequest(
                        "client_id", "first", "redirect_uri", "https://first.example.com/cb")))
            .get("code");
    TokenResponse first =
        fx.redeem("first", firstCode, "https://first.example.com/cb", Fixture.VERIFIER).unwrap();
    String own = firstPartyToken();

    Consents.Withdrawal w = fx.get(Consents.class).withdraw(own, "web").unwrap();

    assertThat(w.consentWithdrawn()).isTrue();
    assertThat(w.sessionsEnded()).isEqualTo(1);
    assertThat(fx.active(web.accessToken())).isFalse();
    assertThat(fx.active(web.refreshToken())).isFalse();
    assertThat(fx.active(first.accessToken())).isTrue();
    assertThat(fx.get(Consents.class).list(own).unwrap()).isEmpty();
    assertThat(fx.get(Consents.class).withdraw(own, "web").unwrap().changed()).isFalse();
    // The next authorization asks again.
    var login = (AuthorizationStep.Login) fx.flow().begin(webRequest(), "10.0.0.1", "t").unwrap();
    assertThat(
            fx.flow()
                .login(login.interactionId(), Fixture.USER, Fixture.PASSWORD, "10.0.0.1", "t")
                .unwrap())
        .isInstanceOf(AuthorizationStep.Consent.class);
  }

  @Test
  void aTokenIssuedToAClient_cannotManageConsents() {
    TokenResponse web = fx.redeemWeb(fx.webCode()).unwrap();

    assertThat(fx.get(Consents.class).list(web.accessToken()).failure())
        .hasValueSatisfying(e -> assertThat(e.code()).isIn("insufficient_scope", "token_rejected"));
    assertThat(fx.get(Consents.class).withdraw(web.accessToken(), "web").isOk()).isFalse();
    assertThat(fx.get(Consents.class).list(null).failure())
        .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("access_token_not_found"));
  }

  @Test
  void userinfo_withOpenid_answersSubEmailAndName() {
    TokenResponse web = fx.redeemWeb(fx.webCode()).unwrap();

    Map<String, Object> claims = fx.get(UserInfo.class).claims(web.accessToken()).unwrap();

    assertThat(claims)
        .containsExactly(
            Map.entry("sub", fx.userId),
            Map.entry("email", Fixture.USER),
            Map.entry("email_verified", true),
            Map.entry("name", "Alice"));
  }

  @Test
  void userinfo_withoutOpenid_isInsufficientScope() {
    String code = params(fx.authorize(webRequest("scope", "read"))).get("code");
    TokenResponse read = fx.redeemWeb(code).unwrap();

    assertThat(fx.get(UserInfo.class).claims(read.accessToken()).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("insufficient_scope"));
  }

  @Test
  void userinfo_refusesRefreshAndIdTokens_andRevokedAccessTokens() {
    TokenResponse web = fx.redeemWeb(fx.webCode()).unwrap();
    UserInfo userInfo = fx.get(UserInfo.class);

    assertThat(userInfo.claims(web.refreshToken()).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_token"));
    assertThat(userInfo.claims(web.idToken()).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_token"));
    fx.get(Consents.class).withdraw(firstPartyToken(), "web").unwrap();
    assertThat(userInfo.claims(web.accessToken()).failure())
        .hasValueSatisfying(e -> assertThat(e.oauthError()).isEqualTo("invalid_token"));
  }
}
