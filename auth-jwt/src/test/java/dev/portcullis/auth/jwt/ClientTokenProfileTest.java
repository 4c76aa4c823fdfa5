package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client-credentials profile: an access token of a client itself, without a user or a session
 * ({@code sub} = {@code client_id}, no {@code sid}), accepted only by a verifier that accepts
 * client tokens; every other access token still needs its {@code sid}.
 */
final class ClientTokenProfileTest {

  private static final String CLIENT = "reports-cron";

  private final Fixture f = Fixture.create();
  private final JwtKey key = f.ring.active();
  private final Instant now = f.clock.instant();
  private final JwtVerifier clients =
      JwtVerifier.builder()
          .keys(f.ring)
          .issuer(Fixture.ISSUER)
          .audiences(List.of("api"))
          .leeway(f.settings.leeway())
          .maxTokenSize(f.settings.maxTokenSize())
          .cacheSize(100)
          .acceptClientTokens(true)
          .blacklist(f.stores.blacklist)
          .clock(f.clock)
          .build();

  /** A client-credentials access token as an authorization server mints it (RFC 9068). */
  private Map<String, Object> clientClaims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", Fixture.ISSUER);
    c.put("sub", CLIENT);
    c.put("aud", "api");
    c.put("exp", now.plusSeconds(300).getEpochSecond());
    c.put("iat", now.getEpochSecond());
    c.put("jti", "ct-1");
    c.put("client_id", CLIENT);
    c.put("scope", "reports:read");
    return c;
  }

  private String sign(Map<String, Object> claims) {
    return Tokens.sign(key, Tokens.header(key, "at+jwt"), claims);
  }

  @Test
  void aClientCredentialsToken_verifiesWithAPrincipalWithoutSession() {
    Principal p = clients.verify(sign(clientClaims())).unwrap();

    assertThat(p.subject()).isEqualTo(CLIENT);
    assertThat(p.sessionId()).isNull();
    assertThat(p.tokenId()).isEqualTo("ct-1");
    assertThat(p.issuedAt()).isEqualTo(now);
    assertThat(p.claims())
        .containsEntry("client_id", CLIENT)
        .containsEntry("scope", "reports:read");
  }

  @Test
  void aVerifierThatAcceptsNoClientTokens_refusesItForItsMissingSid_asBefore() {
    Result<Principal> r = f.verifier.verify(sign(clientClaims()));

    assertThat(code(r)).isEqualTo("token_missing_claim");
    assertThat(error(r).message()).contains("'sid'");
  }

  @Test
  void anAccessTokenWithoutSid_isStillRefused_whereClientTokensAreAccepted() {
    Result<Principal> r = clients.verify(sign(Tokens.with(Tokens.claims(now), "sid", null)));

    assertThat(code(r)).isEqualTo("token_missing_claim");
    assertThat(error(r).message()).contains("'sid' claim (the session id)");
  }

  @Test
  void aUsersTokenThroughAClient_isAUsersToken_andNeedsItsSid() {
    Map<String, Object> viaClient = Tokens.with(Tokens.claims(now), "client_id", "web-app");

    assertThat(clients.verify(sign(viaClient)).unwrap().sessionId()).isEqualTo("sid-1");
    assertThat(code(clients.verify(sign(Tokens.with(viaClient, "sid", null)))))
        .isEqualTo("token_missing_claim");
  }

  @Test
  void aClientTokenThatNamesASession_isRefused() {
    Result<Principal> r = clients.verify(sign(Tokens.with(clientClaims(), "sid", "sid-1")));

    assertThat(code(r)).isEqualTo("token_type");
    assertThat(error(r).message()).contains("belongs to no session");
  }

  @Test
  void aClientTokenNeedsTheClaimsOfAnAccessToken() {
    for (String name : List.of("iss", "aud", "exp", "iat", "jti")) {
      Result<Principal> r = clients.verify(sign(Tokens.with(clientClaims(), name, null)));

      assertThat(code(r)).as(name).isEqualTo("token_missing_claim");
      assertThat(error(r).message()).as(name).contains("'" + name + "'");
    }
    assertThat(code(clients.verify(sign(Tokens.with(clientClaims(), "aud", "billing")))))
        .isEqualTo("token_audience");
    assertThat(
            code(clients.verify(sign(Tokens.with(clientClaims(), "iss", "https://evil.example")))))
        .isEqualTo("token_issuer");
  }

  @Test
  void aClientTokenTypedOrKeyedAsARefreshToken_isRefused() {
    String typedRefresh = Tokens.sign(key, Tokens.header(key, "refresh+jwt"), clientClaims());
    JwtKey refreshKey = key.refreshKey().orElseThrow();
    String underRefreshKey =
        Tokens.sign(refreshKey, Tokens.header(refreshKey, "at+jwt"), clientClaims());

    assertThat(code(clients.verify(typedRefresh))).isEqualTo("token_type");
    assertThat(code(clients.verify(underRefreshKey))).isEqualTo("token_type");
  }

  @Test
  void aClientTokenExpiresAndIsRevoked_alsoWhenCached() {
    String token = sign(clientClaims());
    Principal p = clients.verify(token).unwrap();

    f.service.revoke(p).unwrap();

    assertThat(code(clients.verify(token))).isEqualTo("token_revoked");
    String other = sign(Tokens.with(clientClaims(), "jti", "ct-2"));
    f.clock.advance(Duration.ofSeconds(300 + 60));
    assertThat(code(clients.verify(other))).isEqualTo("token_expired");
  }

  @Test
  void theInspectorNamesTheClientProfile() {
    TokenReport r = new TokenInspector(clients).inspect(sign(clientClaims()));

    assertThat(r.valid()).isTrue();
    assertThat(r.kind()).isEqualTo("client");
    assertThat(r.facts()).anyMatch(s -> s.contains("for client '" + CLIENT + "'"));
  }
}
