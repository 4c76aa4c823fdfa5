package dev.portcullis.auth.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResourceOwnerPasswordCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.TypelessAccessToken;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Nimbus OAuth 2.0 SDK, which parses strictly (content types, required members and their
 * types), as a client and as a resource server: the RFC 8414 metadata resolved from the issuer
 * alone, token responses of every client authentication method, RFC 6749 section 5.2 errors, and
 * RFC 7662 / RFC 7009 answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class NimbusOAuthSdkInteropTest {
  @TempDir static Path dir;

  private InteropServer server;
  private AuthorizationServerMetadata metadata;

  @BeforeAll
  void start() throws Exception {
    server = InteropServer.start(dir);
    metadata = AuthorizationServerMetadata.resolve(new Issuer(server.issuer()));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ClientAuthentication basic() {
    return new ClientSecretBasic(
        new ClientID(InteropServer.BASIC), new Secret(server.basicSecret()));
  }

  private HTTPResponse token(ClientAuthentication auth, AuthorizationGrant grant, Scope scope)
      throws Exception {
    return new TokenRequest(metadata.getTokenEndpointURI(), auth, grant, scope)
        .toHTTPRequest()
        .send();
  }

  private static AccessTokenResponse success(HTTPResponse http) throws Exception {
    TokenResponse response = TokenResponse.parse(http);
    assertThat(response.indicatesSuccess()).as(http.getBody()).isTrue();
    // RFC 6749 section 5.1: tokens are never cached.
    assertThat(http.getHeaderValue("Cache-Control")).isEqualTo("no-store");
    assertThat(http.getHeaderValue("Pragma")).isEqualTo("no-cache");
    return response.toSuccessResponse();
  }

  private static ErrorObject error(HTTPResponse http) throws Exception {
    TokenResponse response = TokenResponse.parse(http);
    assertThat(response.indicatesSuccess()).as(http.getBody()).isFalse();
    assertThat(http.getHeaderValue("Content-Type")).startsWith("application/json");
    return ((TokenErrorResponse) response).getErrorObject();
  }

  private TokenIntrospectionSuccessResponse introspect(Token token) throws Exception {
    HTTPResponse http =
        new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), basic(), token)
            .toHTTPRequest()
            .send();
    TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(http);
    assertThat(response.indicatesSuccess()).as(http.getBody()).isTrue();
    return response.toSuccessResponse();
  }

  @Test
  void metadata_resolvesFromTheIssuerAndNamesEveryEndpoint() throws Exception {
    String issuer = server.issuer();

    assertThat(metadata.getIssuer().getValue()).isEqualTo(issuer);
    assertThat(metadata.getTokenEndpointURI()).isEqualTo(URI.create(issuer + "/oauth2/token"));
    assertThat(metadata.getRevocationEndpointURI())
        .isEqualTo(URI.create(issuer + "/oauth2/revoke"));
    assertThat(metadata.getIntrospectionEndpointURI())
        .isEqualTo(URI.create(issuer + "/oauth2/introspect"));
    assertThat(metadata.getGrantTypes())
        .contains(GrantType.CLIENT_CREDENTIALS, GrantType.REFRESH_TOKEN)
        .doesNotContain(GrantType.PASSWORD);
    assertThat(metadata.getTokenEndpointAuthMethods())
        .contains(
            ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
            ClientAuthenticationMethod.CLIENT_SECRET_POST,
            ClientAuthenticationMethod.PRIVATE_KEY_JWT);
    // Introspection is for confidential callers only (design note): never "none" there.
    assertThat(metadata.getIntrospectionEndpointAuthMethods())
        .isNotEmpty()
        .doesNotContain(ClientAuthenticationMethod.NONE);
    assertThat(metadata.getTokenEndpointJWSAlgs()).isNotEmpty().doesNotContain(JWSAlgorithm.HS256);
  }

  @Test
  void jwks_publishesAnAlgOnEveryKey_andNoPrivateMaterial() throws Exception {
    JWKSet keys = JWKSet.load(metadata.getJWKSetURI().toURL());

    assertThat(keys.getKeys()).isNotEmpty();
    for (JWK key : keys.getKeys()) {
      assertThat(key.getAlgorithm()).as("alg of %s", key.getKeyID()).isNotNull();
      assertThat(key.getKeyID()).isNotBlank();
      assertThat(key.isPrivate()).isFalse();
    }
    assertThat(keys.getKeys()).anyMatch(k -> JWSAlgorithm.RS256.equals(k.getAlgorithm()));
  }

  @Test
  void clientCredentials_withClientSecretBasic_parsesAsABearerTokenWithoutRefreshToken()
      throws Exception {
    AccessTokenResponse response =
        success(token(basic(), new ClientCredentialsGrant(), new Scope("read")));

    assertThat(response.getTokens().getBearerAccessToken()).isNotNull();
    assertThat(response.getTokens().getAccessToken().getLifetime()).isPositive();
    assertThat(response.getTokens().getAccessToken().getScope()).isEqualTo(new Scope("read"));
    assertThat(response.getTokens().getRefreshToken()).isNull();
  }

  @Test
  void clientCredentials_withClientSecretPost() throws Exception {
    ClientAuthentication post =
        new ClientSecretPost(new ClientID(InteropServer.POST), new Secret(server.postSecret()));

    AccessTokenResponse response = success(token(post, new ClientCredentialsGrant(), null));

    assertThat(response.getTokens().getAccessToken().getScope()).isEqualTo(new Scope("read"));
  }

  @Test
  void clientCredentials_withPrivateKeyJwt_audienceTheIssuer() throws Exception {
    InteropServer.ClientKey key = server.jwtKey();
    ClientAuthentication jwt =
        new PrivateKeyJWT(
            new ClientID(InteropServer.JWT),
            URI.create(server.issuer()),
            JWSAlgorithm.ES256,
            key.privateKey(),
            key.keyId(),
            null);

    AccessTokenResponse response =
        success(token(jwt, new ClientCredentialsGrant(), new Scope("read")));

    assertThat(response.getTokens().getBearerAccessToken()).isNotNull();
  }

  @Test
  void wrongSecret_isA401InvalidClientWithABasicChallenge() throws Exception {
    ClientAuthentication wrong =
        new ClientSecretBasic(new ClientID(InteropServer.BASIC), new Secret("not-the-secret"));

    HTTPResponse http = token(wrong, new ClientCredentialsGrant(), null);

    assertThat(http.getStatusCode()).isEqualTo(401);
    assertThat(http.getHeaderValue("WWW-Authenticate")).startsWith("Basic");
    assertThat(error(http).getCode()).isEqualTo("invalid_client");
  }

  @Test
  void passwordGrant_isUnsupportedGrantType() throws Exception {
    HTTPResponse http =
        token(
            basic(),
            new ResourceOwnerPasswordCredentialsGrant("someone@example.com", new Secret("x")),
            null);

    assertThat(http.getStatusCode()).isEqualTo(400);
    assertThat(error(http).getCode()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void scopeBeyondTheRegistration_isInvalidScope() throws Exception {
    HTTPResponse http = token(basic(), new ClientCredentialsGrant(), new Scope("read", "admin"));

    assertThat(http.getStatusCode()).isEqualTo(400);
    assertThat(error(http).getCode()).isEqualTo("invalid_scope");
  }

  @Test
  void refresh_rotatesAndTheUsedTokenIsThenAnInvalidGrant() throws Exception {
    RefreshToken first = new RefreshToken(server.userSession().refreshToken());

    AccessTokenResponse rotated = success(token(basic(), new RefreshTokenGrant(first), null));
    RefreshToken second = rotated.getTokens().getRefreshToken();

    assertThat(second).isNotNull();
    assertThat(second.getValue()).isNotEqualTo(first.getValue());
    assertThat(rotated.getTokens().getAccessToken().getScope())
        .isEqualTo(new Scope("read", "write"));
    HTTPResponse reuse = token(basic(), new RefreshTokenGrant(first), null);
    assertThat(reuse.getStatusCode()).isEqualTo(400);
    assertThat(error(reuse).getCode()).isEqualTo("invalid_grant");
  }

  @Test
  void introspection_ofAnActiveAccessToken_carriesEveryMember() throws Exception {
    String token = Grants.clientCredentials(server, "read");

    TokenIntrospectionSuccessResponse active = introspect(new TypelessAccessToken(token));

    assertThat(active.isActive()).isTrue();
    assertThat(active.getScope()).isEqualTo(new Scope("read"));
    assertThat(active.getClientID()).isEqualTo(new ClientID(InteropServer.BASIC));
    assertThat(active.getSubject().getValue()).isEqualTo(InteropServer.BASIC);
    assertThat(active.getExpirationTime()).isAfter(active.getIssueTime());
    assertThat(active.getIssuer()).isEqualTo(new Issuer(server.issuer()));
    assertThat(active.getAudience()).containsExactly(new Audience(InteropServer.AUDIENCE));
    assertThat(active.getJWTID()).isNotNull();
    assertThat(active.getTokenType()).isEqualTo(AccessTokenType.BEARER);
  }

  @Test
  void introspection_ofARefreshToken_saysRefreshToken() throws Exception {
    String refresh = server.userSession().refreshToken();

    TokenIntrospectionSuccessResponse active = introspect(new RefreshToken(refresh));

    assertThat(active.isActive()).isTrue();
    assertThat(active.getStringParameter("token_type")).isEqualTo("refresh_token");
    assertThat(active.getClientID()).isEqualTo(new ClientID(InteropServer.BASIC));
  }

  @Test
  void introspection_ofAnUnknownToken_isExactlyActiveFalse() throws Exception {
    TokenIntrospectionSuccessResponse inactive = introspect(new TypelessAccessToken("not-a-token"));

    assertThat(inactive.isActive()).isFalse();
    assertThat(inactive.toJSONObject()).containsOnlyKeys("active");
  }

  @Test
  void revocation_answers200_andTheTokenIsThenInactive() throws Exception {
    String token = Grants.clientCredentials(server, "read");

    HTTPResponse http =
        new TokenRevocationRequest(
                metadata.getRevocationEndpointURI(), basic(), new BearerAccessToken(token))
            .toHTTPRequest()
            .send();

    assertThat(http.getStatusCode()).isEqualTo(200);
    assertThat(introspect(new TypelessAccessToken(token)).isActive()).isFalse();
  }
}
