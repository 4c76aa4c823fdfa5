package dev.portcullis.auth.oauth.authorize;

import static dev.portcullis.auth.oauth.authorize.Fixture.params;
import static dev.portcullis.auth.oauth.authorize.Fixture.webRequest;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The authorization request rules, through {@link AuthorizationFlow#begin}. */
final class AuthorizationRequestsTest {

  private static Fixture fx;

  @BeforeAll
  static void modules() {
    fx = new Fixture();
  }

  private static AuthorizationStep begin(Map<String, String> query) {
    return fx.flow().begin(query, "10.0.0.1", "test").unwrap();
  }

  private static Map<String, String> errorRedirect(Map<String, String> query) {
    AuthorizationStep step = begin(query);
    assertThat(step).isInstanceOf(AuthorizationStep.Redirect.class);
    return params(((AuthorizationStep.Redirect) step).location());
  }

  @Test
  void aValidRequest_showsTheLoginWithFreshRandomIds() {
    var first = (AuthorizationStep.Login) begin(webRequest());
    var second = (AuthorizationStep.Login) begin(webRequest());

    assertThat(first.client()).isEqualTo(new ClientView("web", "Notes Web"));
    assertThat(first.interactionId()).matches("[A-Za-z0-9_-]{43}");
    assertThat(first.csrfToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first.interactionId());
    assertThat(second.interactionId()).isNotEqualTo(first.interactionId());
    assertThat(fx.flow().csrfToken(first.interactionId())).contains(first.csrfToken());
  }

  @Test
  void unknownOrMissingClient_isAnErrorPage_neverARedirect() {
    assertThat(begin(webRequest("client_id", "nobody")))
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
    assertThat(begin(webRequest("client_id", null)))
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
  }

  @Test
  void unregisteredOrMissingRedirectUri_isAnErrorPage_neverARedirect() {
    for (String uri :
        List.of(
            "https://evil.example.com/cb",
            "https://app.example.com/cb/",
            "https://app.example.com/cb?x=1",
            "https://app.example.com:8443/cb",
            "HTTPS://app.example.com/cb")) {
      assertThat(begin(webRequest("redirect_uri", uri)))
          .as(uri)
          .isInstanceOf(AuthorizationStep.ErrorPage.class);
    }
    assertThat(begin(webRequest("redirect_uri", null)))
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
  }

  @Test
  void loopbackRedirect_matchesAnyPort_butOnlyTheRegisteredHostAndPath() {
    Map<String, String> cli = webRequest("client_id", "cli", "scope", "read", "nonce", null);
    for (String ok : List.of("http://127.0.0.1:53124/callback", "http://127.0.0.1/callback")) {
      assertThat(begin(with(cli, "redirect_uri", ok)))
          .as(ok)
          .isInstanceOf(AuthorizationStep.Login.class);
    }
    for (String bad :
        List.of(
            "http://localhost:53124/callback",
            "http://127.0.0.1:53124/other",
            "https://127.0.0.1:53124/callback",
            "http://[::1]:53124/callback",
            "http://127.0.0.1:53124/callback?x=1")) {
      assertThat(begin(with(cli, "redirect_uri", bad)))
          .as(bad)
          .isInstanceOf(AuthorizationStep.ErrorPage.class);
    }
  }

  @Test
  void loopbackMatching_ipv6() {
    assertThat(RedirectUris.matches(List.of("http://[::1]/cb"), "http://[::1]:4000/cb")).isTrue();
    assertThat(RedirectUris.matches(List.of("http://[::1]/cb"), "http://127.0.0.1:4000/cb"))
        .isFalse();
    assertThat(RedirectUris.matches(List.of("https://a.example/cb"), "https://a.example:443/cb"))
        .isFalse();
  }

  @Test
  void otherResponseTypes_redirectUnsupportedResponseType_withStateAndIss() {
    for (String type : List.of("token", "code id_token", "id_token")) {
      Map<String, String> p = errorRedirect(webRequest("response_type", type));
      assertThat(p)
          .as(type)
          .containsEntry("error", "unsupported_response_type")
          .containsEntry("state", "st-1")
          .containsEntry("iss", Fixture.ISSUER)
          .containsKey("error_description");
    }
    assertThat(errorRedirect(webRequest("response_type", null)))
        .containsEntry("error", "invalid_request");
  }

  @Test
  void pkce_isRequired_withS256Only() {
    assertThat(errorRedirect(webRequest("code_challenge", null)))
        .containsEntry("error", "invalid_request");
    assertThat(errorRedirect(webRequest("code_challenge_method", null)))
        .containsEntry("error", "invalid_request");
    Map<String, String> plain = errorRedirect(webRequest("code_challenge_method", "plain"));
    assertThat(plain).containsEntry("error", "invalid_request");
    assertThat(plain.get("error_description")).contains("plain");
    assertThat(errorRedirect(webRequest("code_challenge", "too-short")))
        .containsEntry("error", "invalid_request");
  }

  @Test
  void scopeBeyondTheClients_isInvalidScope() {
    assertThat(errorRedirect(webRequest("scope", "openid admin")))
        .containsEntry("error", "invalid_scope")
        .containsEntry("iss", Fixture.ISSUER);
    assertThat(errorRedirect(webRequest("scope", "read  write")))
        .containsEntry("error", "invalid_scope");
  }

  @Test
  void withoutState_theErrorRedirectHasNoState_butIss() {
    Map<String, String> p = errorRedirect(webRequest("state", null, "response_type", "token"));
    assertThat(p).doesNotContainKey("state").containsEntry("iss", Fixture.ISSUER);
  }

  @Test
  void stateIsEchoedUnchanged_encodedInTheRedirect() {
    String state = "a b&c=d/é+%";
    Map<String, String> p = errorRedirect(webRequest("state", state, "response_type", "token"));
    assertThat(p).containsEntry("state", state);
  }

  @Test
  void repeatedParameters_areRefused() {
    Map<String, List<String>> q = all(webRequest());
    q.put("scope", List.of("read", "openid"));
    AuthorizationStep step = fx.flow().beginWithAllValues(q, "10.0.0.1", "test").unwrap();
    assertThat(params(((AuthorizationStep.Redirect) step).location()))
        .containsEntry("error", "invalid_request")
        .containsEntry("state", "st-1");

    Map<String, List<String>> twoClients = all(webRequest());
    twoClients.put("client_id", List.of("web", "web"));
    assertThat(fx.flow().beginWithAllValues(twoClients, "10.0.0.1", "test").unwrap())
        .isInstanceOf(AuthorizationStep.ErrorPage.class);

    Map<String, List<String>> twoRedirects = all(webRequest());
    twoRedirects.put("redirect_uri", List.of(Fixture.WEB_REDIRECT, "https://evil.example/cb"));
    assertThat(fx.flow().beginWithAllValues(twoRedirects, "10.0.0.1", "test").unwrap())
        .isInstanceOf(AuthorizationStep.ErrorPage.class);
  }

  private static Map<String, String> with(Map<String, String> q, String k, String v) {
    Map<String, String> copy = new LinkedHashMap<>(q);
    copy.put(k, v);
    return copy;
  }

  private static Map<String, List<String>> all(Map<String, String> q) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    q.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }
}
