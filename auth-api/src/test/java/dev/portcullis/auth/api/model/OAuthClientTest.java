package dev.portcullis.auth.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.OAuthClient.AuthMethod;
import dev.portcullis.auth.api.model.OAuthClient.Type;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class OAuthClientTest {

  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final String HASH = "sha256:" + "ab".repeat(32);

  private static OAuthClient client(
      String id,
      Type type,
      Set<AuthMethod> methods,
      String hash,
      String jwksUri,
      Set<String> grants) {
    return new OAuthClient(
        id,
        "Shop",
        type,
        methods,
        hash,
        jwksUri,
        null,
        List.of("https://shop.example/cb"),
        grants,
        Set.of("openid", "orders:read"),
        true,
        null,
        true,
        T0);
  }

  private static OAuthClient confidential(Set<AuthMethod> methods, String hash) {
    return client("shop", Type.CONFIDENTIAL, methods, hash, null, Set.of("client_credentials"));
  }

  @Test
  void aConfidentialClientWithASecret_isAccepted_andItsCollectionsAreCopiedSorted() {
    OAuthClient c =
        confidential(Set.of(AuthMethod.CLIENT_SECRET_POST, AuthMethod.CLIENT_SECRET_BASIC), HASH);

    assertThat(c.authMethodNames()).containsExactly("client_secret_basic", "client_secret_post");
    assertThat(c.scopes()).containsExactly("openid", "orders:read");
    assertThatThrownBy(() -> c.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> c.authMethods().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void authMethods_haveTheirRfcNames_bothWays() {
    for (AuthMethod m : AuthMethod.values()) {
      assertThat(AuthMethod.fromRfcName(m.rfcName())).isEqualTo(m);
    }
    assertThat(AuthMethod.PRIVATE_KEY_JWT.rfcName()).isEqualTo("private_key_jwt");
    assertThat(AuthMethod.NONE.rfcName()).isEqualTo("none");
    assertThatThrownBy(() -> AuthMethod.fromRfcName("tls_client_auth"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPublicClient_usesOnlyNone_andHasNoSecret() {
    OAuthClient ok =
        client(
            "spa", Type.PUBLIC, Set.of(AuthMethod.NONE), null, null, Set.of("authorization_code"));
    assertThat(ok.secretHash()).isNull();

    assertThatThrownBy(
            () ->
                client(
                    "spa",
                    Type.PUBLIC,
                    Set.of(AuthMethod.NONE, AuthMethod.CLIENT_SECRET_BASIC),
                    HASH,
                    null,
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("public client");
    assertThatThrownBy(
            () -> client("spa", Type.PUBLIC, Set.of(AuthMethod.NONE), HASH, null, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no secret");
  }

  @Test
  void aPublicClient_cannotUseClientCredentials() {
    assertThatThrownBy(
            () ->
                client(
                    "spa",
                    Type.PUBLIC,
                    Set.of(AuthMethod.NONE),
                    null,
                    null,
                    Set.of("client_credentials")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("confidential clients only");
  }

  @Test
  void aConfidentialClient_neverUsesNone() {
    assertThatThrownBy(() -> confidential(Set.of(AuthMethod.NONE), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'none'");
  }

  @Test
  void secretMethods_needASecretHash() {
    assertThatThrownBy(() -> confidential(Set.of(AuthMethod.CLIENT_SECRET_BASIC), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need a secretHash");
  }

  @Test
  void privateKeyJwt_needsJwksOrJwksUri_notBoth() {
    assertThatThrownBy(() -> confidential(Set.of(AuthMethod.PRIVATE_KEY_JWT), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwks");
    OAuthClient withUri =
        client(
            "svc",
            Type.CONFIDENTIAL,
            Set.of(AuthMethod.PRIVATE_KEY_JWT),
            null,
            "https://svc.example/jwks.json",
            Set.of("client_credentials"));
    assertThat(withUri.jwksUri()).isEqualTo("https://svc.example/jwks.json");
    assertThatThrownBy(
            () ->
                new OAuthClient(
                    "svc",
                    "Svc",
                    Type.CONFIDENTIAL,
                    Set.of(AuthMethod.PRIVATE_KEY_JWT),
                    null,
                    "https://svc.example/jwks.json",
                    "{\"keys\":[]}",
                    List.of(),
                    Set.of(),
                    Set.of(),
                    true,
                    null,
                    true,
                    T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "shop app", "shop\tapp", "caf\u00e9", "tab\n"})
  void clientIds_arePrintableAsciiWithoutWhitespace(String id) {
    assertThatThrownBy(
            () ->
                client(
                    id,
                    Type.CONFIDENTIAL,
                    Set.of(AuthMethod.CLIENT_SECRET_BASIC),
                    HASH,
                    null,
                    Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientId");
  }

  @Test
  void clientIds_areAtMost255Characters() {
    Set<AuthMethod> basic = Set.of(AuthMethod.CLIENT_SECRET_BASIC);
    assertThat(client("a".repeat(255), Type.CONFIDENTIAL, basic, HASH, null, Set.of()).clientId())
        .hasSize(255);
    assertThatThrownBy(
            () -> client("a".repeat(256), Type.CONFIDENTIAL, basic, HASH, null, Set.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3cr3t-plain", "sha256 abc", "$scrypt"})
  void aSecretHash_mustDescribeItself_andTheMessageNeverEchoesIt(String notAHash) {
    assertThatThrownBy(() -> confidential(Set.of(AuthMethod.CLIENT_SECRET_BASIC), notAHash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(notAHash);
  }

  @Test
  void toString_redactsTheSecretHash() {
    String argon = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
    OAuthClient c = confidential(Set.of(AuthMethod.CLIENT_SECRET_BASIC), argon);

    assertThat(c.toString()).doesNotContain(argon).doesNotContain("aGFzaGhhc2hoYXNo");
    assertThat(c.toString()).contains("secretHash=<redacted>").contains("clientId=shop");
  }

  @Test
  void unknownGrantTypes_badScopes_andBadRedirectUris_areRefused() {
    Set<AuthMethod> basic = Set.of(AuthMethod.CLIENT_SECRET_BASIC);
    assertThatThrownBy(
            () -> client("shop", Type.CONFIDENTIAL, basic, HASH, null, Set.of("password")))
        .hasMessageContaining("unknown grant type");
    assertThatThrownBy(() -> OAuthClient.scopeSet(Set.of("a b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OAuthClient.scopeSet(Set.of("a\"b")))
        .isInstanceOf(IllegalArgumentException.class);
    for (List<String> uris :
        List.of(
            List.of("/relative"),
            List.of("https://shop.example/cb#frag"),
            List.of("https://shop.example/cb", "https://shop.example/cb"))) {
      assertThatThrownBy(
              () ->
                  new OAuthClient(
                      "shop",
                      "Shop",
                      Type.CONFIDENTIAL,
                      basic,
                      HASH,
                      null,
                      null,
                      uris,
                      Set.of(),
                      Set.of(),
                      true,
                      null,
                      true,
                      T0))
          .as("%s", uris)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void authorizationCode_needsARedirectUri() {
    assertThatThrownBy(
            () ->
                new OAuthClient(
                    "spa",
                    "Spa",
                    Type.PUBLIC,
                    Set.of(AuthMethod.NONE),
                    null,
                    null,
                    null,
                    List.of(),
                    Set.of("authorization_code"),
                    Set.of(),
                    true,
                    null,
                    true,
                    T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redirect URI");
  }

  @Test
  void withSecretHash_andWithEnabled_keepEverythingElse() {
    OAuthClient c = confidential(Set.of(AuthMethod.CLIENT_SECRET_BASIC), HASH);
    String other = "sha256:" + "cd".repeat(32);

    assertThat(c.withSecretHash(other).secretHash()).isEqualTo(other);
    assertThat(c.withSecretHash(other).withSecretHash(HASH)).isEqualTo(c);
    assertThat(c.withEnabled(false).enabled()).isFalse();
    assertThat(c.withEnabled(false).withEnabled(true)).isEqualTo(c);
  }

  @Test
  void consent_needsAtLeastOneValidScope_andCovers() {
    Consent consent = new Consent("u1", "shop", Set.of("b", "a"), T0);

    assertThat(consent.scopes()).containsExactly("a", "b");
    assertThat(consent.covers(Set.of("a"))).isTrue();
    assertThat(consent.covers(Set.of("a", "c"))).isFalse();
    assertThatThrownBy(() -> new Consent("u1", "shop", Set.of(), T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isClientId_isTheConstructorsRule() {
    assertThat(OAuthClient.isClientId("billing")).isTrue();
    assertThat(OAuthClient.isClientId("https://api.example.com")).isTrue();
    assertThat(OAuthClient.isClientId("x".repeat(255))).isTrue();
    assertThat(OAuthClient.isClientId(null)).isFalse();
    assertThat(OAuthClient.isClientId("")).isFalse();
    assertThat(OAuthClient.isClientId("two words")).isFalse();
    assertThat(OAuthClient.isClientId("x".repeat(256))).isFalse();
    assertThat(OAuthClient.isClientId("caf\u00e9")).isFalse();
  }
}
