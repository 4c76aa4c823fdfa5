package dev.portcullis.auth.oauth.token;

import static dev.portcullis.auth.oauth.token.Fakes.ISSUER;
import static dev.portcullis.auth.oauth.token.Fakes.SECRET;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TokenEndpointTest {
  private static final Set<String> CC = Set.of(OAuthClient.CLIENT_CREDENTIALS);
  private static final Set<String> REFRESH = Set.of(OAuthClient.REFRESH_TOKEN);

  private final MutableClock clock = MutableClock.at(Fakes.NOW);
  private final Fakes.Tokens tokens = new Fakes.Tokens(clock);
  private final Fakes.Clients clients =
      new Fakes.Clients()
          .with(Fakes.confidential("svc", CC, Set.of("read", "write"), null))
          .with(Fakes.confidential("api-svc", CC, Set.of("read"), "https://api.example.com"))
          .with(
              Fakes.confidential(
                  "web", Set.of(OAuthClient.REFRESH_TOKEN), Set.of("read", "write"), null))
          .with(Fakes.publicClient("spa"));
  private TokenEndpoint endpoint = endpoint(null);

  private TokenEndpoint endpoint(String defaultAudience) {
    return new TokenEndpoint(clients, tokens, Fakes.settings(defaultAudience), ISSUER, clock);
  }

  private static TokenRequest request(String client, String secret, String... params) {
    Map<String, String> p = new LinkedHashMap<>();
    for (int i = 0; i < params.length; i += 2) {
      p.put(params[i], params[i + 1]);
    }
    return new TokenRequest(new ClientCredentials(null, client, secret, null, null), p);
  }

  // --- client credentials ------------------------------------------------------------------

  @Test
  void clientCredentials_withoutScope_grantsTheRegisteredScopes() {
    var result = endpoint.exchange(request("svc", SECRET, "grant_type", "client_credentials"));

    assertThat(result).isOk();
    TokenResponse response = result.unwrap();
    assertThat(response.accessToken()).isEqualTo("access-svc");
    assertThat(response.scope()).isEqualTo("read write");
    assertThat(response.refreshToken()).isNull();
    assertThat(response.document()).doesNotContainKey("refresh_token");
    assertThat(tokens.grants.get(0).scope()).containsExactlyInAnyOrder("read", "write");
  }

  @Test
  void clientCredentials_expiresIn_isCountedFromTheInjectedClock() {
    clock.advance(Duration.ofSeconds(40)); // the fake mints at now + 300 s
    var response =
        endpoint.exchange(request("svc", SECRET, "grant_type", "client_credentials")).unwrap();

    assertThat(response.expiresIn()).isEqualTo(300);
    assertThat(response.document())
        .containsExactly(
            Map.entry("access_token", "access-svc"),
            Map.entry("token_type", "Bearer"),
            Map.entry("expires_in", 300L),
            Map.entry("scope", "read write"));
  }

  @Test
  void clientCredentials_scopeSubset_isGrantedAndDuplicatesCollapse() {
    var result =
        endpoint.exchange(
            request("svc", SECRET, "grant_type", "client_credentials", "scope", "read read"));

    assertThat(result).isOk();
    assertThat(tokens.grants.get(0).scope()).containsExactly("read");
  }

  @Test
  void clientCredentials_scopeNotRegistered_isInvalidScope() {
    var result =
        endpoint.exchange(
            request("api-svc", SECRET, "grant_type", "client_credentials", "scope", "read write"));

    assertThat(result).isErr("invalid_scope").hasMessageContaining("write");
    assertThat(tokens.grants).isEmpty();
  }

  @Test
  void malformedScope_isInvalidScope() {
    for (String scope : List.of(" read", "read ", "read  write", "re\"ad", "réad", "a\\b")) {
      var result =
          endpoint.exchange(
              request("svc", SECRET, "grant_type", "client_credentials", "scope", scope));

      assertThat(result).as(scope).isErr("invalid_scope").hasOauthError("invalid_scope");
    }
    assertThat(tokens.grants).isEmpty();
  }

  @Test
  void audience_isTheClientsOwn_elseTheDefault_elseTheIssuer() {
    endpoint.exchange(request("api-svc", SECRET, "grant_type", "client_credentials")).unwrap();
    endpoint.exchange(request("svc", SECRET, "grant_type", "client_credentials")).unwrap();
    endpoint = endpoint("https://resource.example.com");
    endpoint.exchange(request("svc", SECRET, "grant_type", "client_credentials")).unwrap();

    assertThat(tokens.grants)
        .extracting(g -> g.audience())
        .containsExactly(
            List.of("https://api.example.com"),
            List.of(ISSUER),
            List.of("https://resource.example.com"));
  }

  @Test
  void clientCredentials_ofAPublicClient_isUnauthorizedClient() {
    var result = endpoint.exchange(request("spa", null, "grant_type", "client_credentials"));

    assertThat(result).isErr("unauthorized_client");
    assertThat(tokens.grants).isEmpty();
  }

  // --- grant type --------------------------------------------------------------------------

  @Test
  void missingGrantType_isInvalidRequest() {
    assertThat(endpoint.exchange(request("svc", SECRET))).isErr("invalid_request");
    assertThat(endpoint.exchange(request("svc", SECRET, "grant_type", "")))
        .isErr("invalid_request")
        .hasMessageContaining("grant_type");
  }

  @Test
  void passwordGrant_isUnsupportedGrantType() {
    var result =
        endpoint.exchange(
            request("svc", SECRET, "grant_type", "password", "username", "u", "password", "p"));

    assertThat(result).isErr("unsupported_grant_type").hasMessageContaining("OAuth 2.1");
  }

  @Test
  void grantsOfPartTwoAndUnknownGrants_areUnsupportedGrantType() {
    for (String grant :
        List.of(OAuthClient.AUTHORIZATION_CODE, OAuthClient.DEVICE_CODE, "urn:x:made-up")) {
      assertThat(endpoint.exchange(request("svc", SECRET, "grant_type", grant)))
          .as(grant)
          .isErr("unsupported_grant_type");
    }
  }

  @Test
  void unknownGrantType_isNotEchoed() {
    var error =
        endpoint.exchange(request("svc", SECRET, "grant_type", "<script>")).failure().orElseThrow();

    assertThat(error.message()).doesNotContain("<script>");
  }

  @Test
  void supportedGrantNotRegisteredForTheClient_isUnauthorizedClient() {
    assertThat(endpoint.exchange(request("svc", SECRET, "grant_type", "refresh_token")))
        .isErr("unauthorized_client");
    assertThat(endpoint.exchange(request("web", SECRET, "grant_type", "client_credentials")))
        .isErr("unauthorized_client");
  }

  // --- client authentication ---------------------------------------------------------------

  @Test
  void failedClientAuthentication_isInvalidClient_beforeAnythingElse() {
    var result = endpoint.exchange(request("svc", "wrong", "grant_type", "password"));

    assertThat(result).isErr("invalid_client");
    assertThat(tokens.grants).isEmpty();
  }

  @Test
  void aStoreThatThrows_isServiceUnavailable() {
    tokens.failure =
        new ServiceUnavailableException(new AuthError.ServiceUnavailable("jdbc", "pool"));

    assertThat(endpoint.exchange(request("svc", SECRET, "grant_type", "client_credentials")))
        .isErr("service_unavailable");
  }

  // --- refresh -----------------------------------------------------------------------------

  @Test
  void anEmptyScope_isLeftOutOfTheResponse() {
    // RFC 6749 section 3.3: a scope is one or more tokens, so "" is no valid value.
    assertThat(new TokenResponse("at", 60, "", null).document()).doesNotContainKey("scope");
    assertThat(new TokenResponse("at", 60, "read", null).document()).containsEntry("scope", "read");
  }

  @Test
  void refresh_withoutRefreshToken_isInvalidRequest() {
    assertThat(endpoint.exchange(request("web", SECRET, "grant_type", "refresh_token")))
        .isErr("invalid_request")
        .hasMessageContaining("refresh_token");
  }

  @Test
  void refresh_rotates_withTheRetryGraceOfTheSettings_andAsGrantedScope() {
    tokens.refreshTokens.put("rt-1", "web");

    var response =
        endpoint
            .exchange(
                request("web", SECRET, "grant_type", "refresh_token", "refresh_token", "rt-1"))
            .unwrap();

    assertThat(response.refreshToken()).isEqualTo("refresh-next");
    assertThat(response.expiresIn()).isEqualTo(600);
    assertThat(response.scope()).isEqualTo("read write");
    assertThat(tokens.graces).containsExactly(Duration.ofSeconds(7));
    // The client's registration now cuts down what its old grants carry.
    assertThat(tokens.permitted).containsExactly(Set.of("read", "write"));
    assertThat(tokens.grants.get(0).scope()).isEmpty();
    assertThat(tokens.grants.get(0).audience()).containsExactly(ISSUER);
  }

  @Test
  void refresh_mayNarrowTheScope() {
    tokens.refreshTokens.put("rt-1", "web");

    var response =
        endpoint
            .exchange(
                request(
                    "web",
                    SECRET,
                    "grant_type",
                    "refresh_token",
                    "refresh_token",
                    "rt-1",
                    "scope",
                    "read"))
            .unwrap();

    assertThat(response.scope()).isEqualTo("read");
    assertThat(tokens.grants.get(0).scope()).containsExactly("read");
  }

  @Test
  void refresh_askingForAScopeTheClientIsNotRegisteredFor_isInvalidScope() {
    tokens.refreshTokens.put("rt-1", "web");

    var result =
        endpoint.exchange(
            request(
                "web",
                SECRET,
                "grant_type",
                "refresh_token",
                "refresh_token",
                "rt-1",
                "scope",
                "admin"));

    assertThat(result).isErr("invalid_scope");
    assertThat(tokens.grants).isEmpty();
  }

  @Test
  void refresh_ofAPublicClient_isAllowed() {
    tokens.refreshTokens.put("rt-spa", "spa");

    var result =
        endpoint.exchange(
            request("spa", null, "grant_type", "refresh_token", "refresh_token", "rt-spa"));

    assertThat(result).isOk();
  }

  @Test
  void refresh_errorsOfTheTokens_passThrough() {
    tokens.refreshTokens.put("rt-1", "someone-else");

    assertThat(
            endpoint.exchange(
                request("web", SECRET, "grant_type", "refresh_token", "refresh_token", "rt-1")))
        .isErr("invalid_grant");
  }

  @Test
  void toStrings_showNoSecretOrToken() {
    TokenRequest request =
        request("web", SECRET, "grant_type", "refresh_token", "refresh_token", "rt-secret-value");
    tokens.refreshTokens.put("rt-secret-value", "web");
    TokenResponse response = endpoint.exchange(request).unwrap();

    assertThat(request.toString()).doesNotContain("rt-secret-value", SECRET);
    assertThat(response.toString()).doesNotContain("access-refreshed", "refresh-next");
  }
}
