package dev.portcullis.auth.oauth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.oauth.OAuthSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ServerMetadataTest {

  @Test
  void document_namesEveryEndpoint_underTheIssuer_inAStableOrder() {
    var doc = new ServerMetadata("https://auth.example.com", Fakes.settings(null)).document();

    assertThat(doc.keySet())
        .containsExactly(
            "issuer",
            "authorization_endpoint",
            "token_endpoint",
            "jwks_uri",
            "revocation_endpoint",
            "introspection_endpoint",
            "device_authorization_endpoint",
            "grant_types_supported",
            "response_types_supported",
            "response_modes_supported",
            "token_endpoint_auth_methods_supported",
            "token_endpoint_auth_signing_alg_values_supported",
            "revocation_endpoint_auth_methods_supported",
            "revocation_endpoint_auth_signing_alg_values_supported",
            "introspection_endpoint_auth_methods_supported",
            "introspection_endpoint_auth_signing_alg_values_supported",
            "scopes_supported",
            "code_challenge_methods_supported",
            "authorization_response_iss_parameter_supported");
    assertThat(doc)
        .containsEntry("issuer", "https://auth.example.com")
        .containsEntry("token_endpoint", "https://auth.example.com/oauth2/token")
        .containsEntry("jwks_uri", "https://auth.example.com/.well-known/jwks.json")
        .containsEntry("revocation_endpoint", "https://auth.example.com/oauth2/revoke")
        .containsEntry("introspection_endpoint", "https://auth.example.com/oauth2/introspect")
        .containsEntry("authorization_endpoint", "https://auth.example.com/oauth2/authorize")
        .containsEntry(
            "device_authorization_endpoint", "https://auth.example.com/oauth2/device_authorization")
        .containsEntry(
            "grant_types_supported",
            List.of(
                "authorization_code",
                "client_credentials",
                "refresh_token",
                "urn:ietf:params:oauth:grant-type:device_code"))
        .containsEntry("response_types_supported", List.of("code"))
        .containsEntry("response_modes_supported", List.of("query"))
        .containsEntry(
            "token_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"))
        .containsEntry(
            "revocation_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"))
        .containsEntry(
            "introspection_endpoint_auth_methods_supported",
            List.of("client_secret_basic", "client_secret_post", "private_key_jwt"))
        .containsEntry("scopes_supported", List.of("read", "write"))
        .containsEntry("code_challenge_methods_supported", List.of("S256"))
        .containsEntry("authorization_response_iss_parameter_supported", true);
  }

  @Test
  void openIdConfiguration_isTheMetadataWithUserinfoAndRs256IdTokens() {
    var metadata = new ServerMetadata("https://example.com/tenant", Fakes.settings(null));
    var doc = metadata.openIdConfiguration();

    assertThat(metadata.openIdConfigurationPath())
        .isEqualTo("/tenant/.well-known/openid-configuration");
    assertThat(doc)
        .containsEntry("issuer", "https://example.com/tenant")
        .containsEntry("authorization_endpoint", "https://example.com/tenant/oauth2/authorize")
        .containsEntry("userinfo_endpoint", "https://example.com/tenant/oauth2/userinfo")
        .containsEntry("response_types_supported", List.of("code"))
        .containsEntry("subject_types_supported", List.of("public"))
        .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"));
    assertThat(doc.get("scopes_supported").toString()).contains("openid");
    assertThat(metadata.document()).doesNotContainKey("userinfo_endpoint");
  }

  @Test
  void assertionAlgorithms_areAsymmetricOnly() {
    var doc = new ServerMetadata("https://auth.example.com", Fakes.settings(null)).document();

    @SuppressWarnings("unchecked")
    List<String> algs = (List<String>) doc.get("token_endpoint_auth_signing_alg_values_supported");
    assertThat(algs)
        .contains("RS256", "PS256", "ES256", "EdDSA")
        .noneMatch(a -> a.startsWith("HS"));
    assertThat(algs).doesNotContain("none");
  }

  @Test
  void issuer_isKeptByteForByte_evenWithATrailingSlash() {
    var metadata = new ServerMetadata("https://auth.example.com/", Fakes.settings(null));

    assertThat(metadata.document().get("issuer")).isEqualTo("https://auth.example.com/");
    assertThat(metadata.document().get("token_endpoint"))
        .isEqualTo("https://auth.example.com/oauth2/token");
    assertThat(metadata.metadataPath()).isEqualTo("/.well-known/oauth-authorization-server");
  }

  @Test
  void issuerWithAPath_insertsTheWellKnownSegmentBeforeThePath() {
    var metadata = new ServerMetadata("https://example.com/tenant-1", Fakes.settings(null));

    assertThat(metadata.metadataPath())
        .isEqualTo("/.well-known/oauth-authorization-server/tenant-1");
    assertThat(metadata.localPath(ServerMetadata.TOKEN_PATH)).isEqualTo("/tenant-1/oauth2/token");
    assertThat(metadata.document().get("token_endpoint"))
        .isEqualTo("https://example.com/tenant-1/oauth2/token");
  }

  @Test
  void withoutDeclaredScopes_scopesSupportedIsLeftOut() {
    OAuthSettings none =
        new OAuthSettings(
            true,
            List.of(),
            Map.of(),
            null,
            Duration.ofMinutes(1),
            false,
            Duration.ZERO,
            Duration.ofDays(1),
            dev.portcullis.auth.oauth.device.DeviceSettings.defaults());

    assertThat(new ServerMetadata("https://auth.example.com", none).document())
        .doesNotContainKey("scopes_supported");
  }

  @Test
  void issuerThatIsNotAUrl_isRefused_namingTheSettingAndItsVariable() {
    for (String issuer :
        List.of("portcullis", "ftp://auth.example.com", "https://a.example.com/?x=1", "https:x")) {
      assertThatThrownBy(() -> new ServerMetadata(issuer, Fakes.settings(null)))
          .as(issuer)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("auth.token.issuer")
          .hasMessageContaining("AUTH_TOKEN_ISSUER");
    }
  }
}
