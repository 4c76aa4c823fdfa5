package dev.portcullis.auth.oauth.token;

import static dev.portcullis.auth.oauth.token.Fakes.ISSUER;
import static dev.portcullis.auth.oauth.token.Fakes.SECRET;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.jwt.OAuthTokens.ActiveToken;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TokenIntrospectionTest {
  private static final Set<String> CC = Set.of(OAuthClient.CLIENT_CREDENTIALS);

  private final Fakes.Tokens tokens = new Fakes.Tokens(MutableClock.at(Fakes.NOW));
  private final Fakes.Clients clients =
      new Fakes.Clients()
          .with(Fakes.confidential("svc", CC, Set.of("read"), null))
          .with(Fakes.confidential("other", CC, Set.of("read"), null))
          .with(Fakes.confidential("orders-api", CC, Set.of(), null))
          .with(Fakes.confidential("billing", CC, Set.of(), "https://billing.example.com"))
          .with(Fakes.publicClient("spa"));
  private final ClientStore registered = registered(clients);
  private final TokenIntrospection introspection =
      new TokenIntrospection(clients, tokens, registered);

  private static ClientStore registered(Fakes.Clients clients) {
    ClientStore store = MemoryStores.clientStore();
    clients.clients.values().forEach(c -> store.create(c).unwrap());
    return store;
  }

  private static ClientCredentials as(String client, String secret) {
    return new ClientCredentials(null, client, secret, null, null);
  }

  private static ActiveToken token(String type, String client, List<String> aud) {
    return new ActiveToken(
        type,
        client,
        client,
        Set.of("write", "read"),
        aud,
        ISSUER,
        "jti-1",
        null,
        Fakes.NOW,
        Fakes.NOW.plusSeconds(300),
        Map.of());
  }

  @Test
  void ownActiveAccessToken_carriesEveryField_inOrder() {
    tokens.active.put("at", token(ActiveToken.ACCESS_TOKEN, "svc", List.of(ISSUER)));

    var doc = introspection.introspect(as("svc", SECRET), "at", null).unwrap().document();

    assertThat(doc)
        .containsExactly(
            Map.entry("active", true),
            Map.entry("scope", "read write"),
            Map.entry("client_id", "svc"),
            Map.entry("sub", "svc"),
            Map.entry("exp", Fakes.NOW.getEpochSecond() + 300),
            Map.entry("iat", Fakes.NOW.getEpochSecond()),
            Map.entry("iss", ISSUER),
            Map.entry("aud", ISSUER),
            Map.entry("jti", "jti-1"),
            Map.entry("token_type", "Bearer"));
  }

  @Test
  void refreshToken_hasTokenTypeRefreshToken_andSeveralAudiencesAreAnArray() {
    tokens.active.put(
        "rt", token(ActiveToken.REFRESH_TOKEN, "svc", List.of(ISSUER, "https://x.example.com")));

    var doc = introspection.introspect(as("svc", SECRET), "rt", "access_token").unwrap().document();

    assertThat(doc.get("token_type")).isEqualTo("refresh_token");
    assertThat(doc.get("aud")).isEqualTo(List.of(ISSUER, "https://x.example.com"));
  }

  @Test
  void inactiveToken_isExactlyActiveFalse() {
    var doc = introspection.introspect(as("svc", SECRET), "unknown", null).unwrap().document();

    assertThat(doc).containsExactly(Map.entry("active", false));
  }

  @Test
  void tokenOfAnotherClient_isInactiveForTheCaller() {
    tokens.active.put("at", token(ActiveToken.ACCESS_TOKEN, "svc", List.of(ISSUER)));

    var result = introspection.introspect(as("other", SECRET), "at", null).unwrap();

    assertThat(result.document()).containsExactly(Map.entry("active", false));
  }

  @Test
  void resourceServer_whoseClientIdIsInTheAudience_seesTheToken() {
    tokens.active.put("at", token(ActiveToken.ACCESS_TOKEN, "svc", List.of("orders-api")));

    assertThat(introspection.introspect(as("orders-api", SECRET), "at", null).unwrap().active())
        .isTrue();
  }

  @Test
  void aClientCallingTheSameApi_doesNotSeeAnotherClientsToken() {
    // billing's own tokens are issued for https://billing.example.com: that proves nothing about
    // being that API, so svc's token for the same API stays invisible to it.
    tokens.active.put(
        "at", token(ActiveToken.ACCESS_TOKEN, "svc", List.of("https://billing.example.com")));

    var doc = introspection.introspect(as("billing", SECRET), "at", null).unwrap().document();
    assertThat(doc).containsExactly(Map.entry("active", false));
  }

  @Test
  void aDisabledOrRemovedClientsTokens_areInactive() {
    tokens.active.put("at", token(ActiveToken.ACCESS_TOKEN, "svc", List.of("orders-api")));
    assertThat(introspection.introspect(as("orders-api", SECRET), "at", null).unwrap().active())
        .isTrue();

    registered.setEnabled("svc", false);
    assertThat(introspection.introspect(as("orders-api", SECRET), "at", null).unwrap().active())
        .isFalse();

    tokens.active.put("gone", token(ActiveToken.ACCESS_TOKEN, "unknown", List.of("orders-api")));
    assertThat(introspection.introspect(as("orders-api", SECRET), "gone", null).unwrap().active())
        .isFalse();
  }

  @Test
  void publicClient_isRefusedAsInvalidClient() {
    tokens.active.put("at", token(ActiveToken.ACCESS_TOKEN, "spa", List.of(ISSUER)));

    assertThat(introspection.introspect(as("spa", null), "at", null)).isErr("invalid_client");
  }

  @Test
  void missingToken_isInvalidRequest() {
    assertThat(introspection.introspect(as("svc", SECRET), null, null)).isErr("invalid_request");
  }

  @Test
  void failedClientAuthentication_isInvalidClient() {
    assertThat(introspection.introspect(as("svc", "wrong"), "at", null)).isErr("invalid_client");
  }
}
