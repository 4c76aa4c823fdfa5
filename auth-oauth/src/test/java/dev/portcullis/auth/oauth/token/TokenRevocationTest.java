package dev.portcullis.auth.oauth.token;

import static dev.portcullis.auth.oauth.token.Fakes.SECRET;
import static dev.portcullis.auth.testkit.assertj.PortcullisAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import dev.portcullis.auth.testkit.MutableClock;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TokenRevocationTest {
  private final Fakes.Tokens tokens = new Fakes.Tokens(MutableClock.at(Fakes.NOW));
  private final Fakes.Clients clients =
      new Fakes.Clients()
          .with(Fakes.confidential("web", Set.of(OAuthClient.REFRESH_TOKEN), Set.of("read"), null))
          .with(Fakes.publicClient("spa"));
  private final TokenRevocation revocation = new TokenRevocation(clients, tokens);

  private static ClientCredentials as(String client, String secret) {
    return new ClientCredentials(null, client, secret, null, null);
  }

  @Test
  void ownToken_isRevoked() {
    tokens.refreshTokens.put("rt-1", "web");

    assertThat(revocation.revoke(as("web", SECRET), "rt-1", "refresh_token")).isOk();
    assertThat(tokens.revoked).containsExactly("rt-1");
  }

  @Test
  void unknownToken_isOk() {
    assertThat(revocation.revoke(as("web", SECRET), "no-such-token", null)).isOk();
    assertThat(tokens.revoked).isEmpty();
  }

  @Test
  void tokenOfAnotherClient_isUnauthorizedClient_andNothingChanges() {
    tokens.refreshTokens.put("rt-1", "spa");

    assertThat(revocation.revoke(as("web", SECRET), "rt-1", null)).isErr("unauthorized_client");
    assertThat(tokens.revoked).isEmpty();
  }

  @Test
  void missingToken_isInvalidRequest() {
    assertThat(revocation.revoke(as("web", SECRET), null, null))
        .isErr("invalid_request")
        .hasMessageContaining("token");
    assertThat(revocation.revoke(as("web", SECRET), "", null)).isErr("invalid_request");
  }

  @Test
  void unknownHint_isIgnored() {
    tokens.refreshTokens.put("rt-1", "web");

    assertThat(revocation.revoke(as("web", SECRET), "rt-1", "id_token_or_whatever")).isOk();
    assertThat(tokens.revoked).containsExactly("rt-1");
  }

  @Test
  void publicClient_revokesItsOwnTokens() {
    tokens.refreshTokens.put("rt-spa", "spa");

    assertThat(revocation.revoke(as("spa", null), "rt-spa", null)).isOk();
    assertThat(tokens.revoked).containsExactly("rt-spa");
  }

  @Test
  void failedClientAuthentication_isInvalidClient_andNothingChanges() {
    tokens.refreshTokens.put("rt-1", "web");

    assertThat(revocation.revoke(as("web", "wrong"), "rt-1", null)).isErr("invalid_client");
    assertThat(revocation.revoke(as("web", "wrong"), null, null)).isErr("invalid_client");
    assertThat(tokens.revoked).isEmpty();
  }
}
