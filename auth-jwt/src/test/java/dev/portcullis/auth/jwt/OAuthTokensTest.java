package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.jwt.OAuthTokens.ActiveToken;
import dev.portcullis.auth.jwt.OAuthTokens.Grant;
import dev.portcullis.auth.jwt.OAuthTokens.GrantedTokens;
import dev.portcullis.auth.jwt.internal.JwtOAuthTokens;
import dev.portcullis.auth.jwt.internal.SessionTokens;
import dev.portcullis.auth.jwt.testing.Fixture;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Tokens for OAuth clients (RFC 9068): their claims, the client binding of refresh tokens, scope
 * narrowing, the retry grace, the absolute lifetime, introspection and revocation (RFC 7009, 7662).
 */
final class OAuthTokensTest {

  private static final String CLIENT = "billing-app";
  private static final String OTHER = "other-app";
  private static final List<String> AUD = List.of("https://api.example.test");

  /** The scopes the client is registered for in most tests. */
  private static final Set<String> ALL = Set.of("a", "b", "c", "openid", "profile");

  private final Fixture f = Fixture.create().withRing(rsaRing());
  private final OAuthTokens oauth =
      new JwtOAuthTokens(
          f.settings,
          f.ring,
          new SessionTokens(
              f.settings,
              f.ring,
              f.stores.sessions,
              f.stores.blacklist,
              f.stores.users,
              new AuthEvents(Set.of(e -> f.events.add(e))),
              TokenClaims.none(),
              f.clock),
          f.stores.sessions,
          f.stores.blacklist,
          f.stores.users,
          f.clock);
  private final JwtVerifier clientVerifier =
      JwtVerifier.builder()
          .keys(f.ring)
          .issuer(Fixture.ISSUER)
          .audiences(AUD)
          .leeway(f.settings.leeway())
          .maxTokenSize(f.settings.maxTokenSize())
          .acceptClientTokens(true)
          .blacklist(f.stores.blacklist)
          .clock(f.clock)
          .build();

  private static KeyRing rsaRing() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return KeyRing.of(JwtKey.signing("rsa-1", JwsAlgorithm.RS256, g.generateKeyPair()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Grant grant(String client, String... scope) {
    return new Grant(client, Set.of(scope), AUD);
  }

  private GrantedTokens userTokens(String client, Duration absolute, String... scope) {
    User u = f.stores.addUser("u-" + client + scope.length, Set.of("staff"));
    Authentication a = new Authentication(u, 0, f.clock.instant().minusSeconds(30), null, null);
    return oauth.forUser(a, grant(client, scope), List.of("pwd"), absolute).unwrap();
  }

  private static Map<String, Object> claims(String token) throws Exception {
    return SignedJWT.parse(token).getJWTClaimsSet().getClaims();
  }

  @Test
  void clientCredentialsTokenIsRfc9068WithoutSessionOrRefreshToken() throws Exception {
    GrantedTokens t = oauth.forClient(grant(CLIENT, "reports:read", "reports:write")).unwrap();

    assertThat(t.refresh()).isEmpty();
    assertThat(t.sessionId()).isNull();
    SignedJWT jwt = SignedJWT.parse(t.accessToken());
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    Map<String, Object> c = jwt.getJWTClaimsSet().getClaims();
    assertThat(c)
        .containsEntry("iss", Fixture.ISSUER)
        .containsEntry("sub", CLIENT)
        .containsEntry("client_id", CLIENT)
        .containsEntry("scope", "reports:read reports:write")
        .containsEntry("aud", AUD)
        .containsKeys("iat", "exp", "jti")
        .doesNotContainKeys("sid", "auth_time", "amr", "roles");
    Principal p = clientVerifier.verify(t.accessToken()).unwrap();
    assertThat(p.subject()).isEqualTo(CLIENT);
    assertThat(p.claims()).containsEntry("client_id", CLIENT);
    // The first-party verifier (no client tokens) still refuses it.
    assertThat(f.verifier.verify(t.accessToken()).isOk()).isFalse();
  }

  @Test
  void userTokenCarriesClientScopeAuthTimeAndAmr() throws Exception {
    GrantedTokens t = userTokens(CLIENT, null, "openid", "profile");

    Map<String, Object> c = claims(t.accessToken());
    assertThat(c)
        .containsEntry("client_id", CLIENT)
        .containsEntry("scope", "openid profile")
        .containsEntry("aud", AUD)
        .containsEntry("amr", List.of("pwd"))
        .containsEntry("sid", t.sessionId())
        .containsKeys("auth_time", "jti");
    assertThat(c.get("auth_time")).isEqualTo(f.clock.instant().minusSeconds(30).getEpochSecond());
    assertThat(t.refresh()).isPresent();
    assertThat(clientVerifier.verify(t.accessToken()).isOk()).isTrue();
  }

  @Test
  void refreshIsBoundToItsClient() {
    GrantedTokens t = userTokens(CLIENT, null, "a");

    Result<GrantedTokens> other = oauth.refresh(t.refreshToken(), grant(OTHER), ALL, Duration.ZERO);
    assertThat(code(other)).isEqualTo("invalid_grant");
    // The first-party API cannot use it either...
    assertThat(f.service.refresh(t.refreshToken()).isOk()).isFalse();
    // ...and neither attempt ended the session: its client still refreshes.
    assertThat(oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).isOk()).isTrue();
  }

  @Test
  void aFirstPartyRefreshTokenIsNoClientsGrant() {
    var pair = f.login("alice");
    assertThat(code(oauth.refresh(pair.refreshToken(), grant(CLIENT), ALL, Duration.ZERO)))
        .isEqualTo("invalid_grant");
    assertThat(f.service.refresh(pair.refreshToken()).isOk()).isTrue();
  }

  @Test
  void refreshMayNarrowTheScopeButNeverWiden() throws Exception {
    GrantedTokens t = userTokens(CLIENT, null, "a", "b");

    GrantedTokens narrowed =
        oauth.refresh(t.refreshToken(), grant(CLIENT, "a"), ALL, Duration.ZERO).unwrap();
    assertThat(narrowed.scope()).containsExactly("a");
    assertThat(claims(narrowed.accessToken())).containsEntry("scope", "a");

    Result<GrantedTokens> wider =
        oauth.refresh(narrowed.refreshToken(), grant(CLIENT, "a", "c"), ALL, Duration.ZERO);
    assertThat(code(wider)).isEqualTo("invalid_scope");
    // Narrowing is per request: the grant keeps its scope.
    GrantedTokens again =
        oauth.refresh(narrowed.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).unwrap();
    assertThat(again.scope()).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void aScopeRemovedFromTheClientIsNotCarriedOnByItsGrants() throws Exception {
    GrantedTokens t = userTokens(CLIENT, null, "a", "b");

    GrantedTokens cut =
        oauth.refresh(t.refreshToken(), grant(CLIENT), Set.of("a"), Duration.ZERO).unwrap();
    assertThat(cut.scope()).containsExactly("a");
    assertThat(claims(cut.accessToken())).containsEntry("scope", "a");

    assertThat(code(oauth.refresh(cut.refreshToken(), grant(CLIENT), Set.of("c"), Duration.ZERO)))
        .isEqualTo("invalid_scope");
  }

  @Test
  void withoutGraceAReusedRefreshTokenEndsTheSession() {
    GrantedTokens t = userTokens(CLIENT, null, "a");
    GrantedTokens next =
        oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).unwrap();

    assertThat(code(oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO)))
        .isEqualTo("invalid_grant");
    assertThat(code(oauth.refresh(next.refreshToken(), grant(CLIENT), ALL, Duration.ZERO)))
        .isEqualTo("invalid_grant");
    assertThat(f.events).anyMatch(e -> e instanceof AuthEvent.RefreshTokenReused);
  }

  @Test
  void withinTheGraceARetryGetsTheSameSingleSuccessor() throws Exception {
    Duration grace = Duration.ofSeconds(10);
    GrantedTokens t = userTokens(CLIENT, null, "a");
    GrantedTokens first = oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, grace).unwrap();
    f.clock.advance(Duration.ofSeconds(3));

    GrantedTokens retried = oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, grace).unwrap();

    assertThat(claims(retried.refreshToken()).get("jti"))
        .isEqualTo(claims(first.refreshToken()).get("jti"));
    assertThat(retried.refreshTokenExpiresAt()).isEqualTo(first.refreshTokenExpiresAt());
    // The successor is still the one live refresh token: it rotates once...
    GrantedTokens third = oauth.refresh(retried.refreshToken(), grant(CLIENT), ALL, grace).unwrap();
    assertThat(third.refreshToken()).isNotNull();
    // ...and the original, two rotations back, is reuse even within the grace.
    assertThat(code(oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, grace)))
        .isEqualTo("invalid_grant");
    assertThat(oauth.refresh(third.refreshToken(), grant(CLIENT), ALL, grace).isOk()).isFalse();
  }

  @Test
  void afterTheGraceARetryIsReuse() {
    Duration grace = Duration.ofSeconds(10);
    GrantedTokens t = userTokens(CLIENT, null, "a");
    GrantedTokens first = oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, grace).unwrap();
    f.clock.advance(Duration.ofSeconds(11));

    assertThat(code(oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, grace)))
        .isEqualTo("invalid_grant");
    assertThat(oauth.refresh(first.refreshToken(), grant(CLIENT), ALL, grace).isOk()).isFalse();
  }

  @Test
  void anAbsoluteLifetimeCapsEveryRefresh() {
    Duration absolute = Duration.ofDays(2);
    Instant start = f.clock.instant();
    GrantedTokens t = userTokens(CLIENT, absolute, "a");
    assertThat(t.refreshTokenExpiresAt()).isBeforeOrEqualTo(start.plus(absolute));

    f.clock.advance(Duration.ofDays(1).plusHours(23));
    GrantedTokens late =
        oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).unwrap();
    assertThat(late.refreshTokenExpiresAt()).isBeforeOrEqualTo(start.plus(absolute));
    assertThat(late.accessTokenExpiresAt()).isBeforeOrEqualTo(start.plus(absolute));

    f.clock.advance(Duration.ofHours(2));
    assertThat(code(oauth.refresh(late.refreshToken(), grant(CLIENT), ALL, Duration.ZERO)))
        .isEqualTo("invalid_grant");
  }

  @Test
  void introspectionDescribesActiveTokensOnly() {
    GrantedTokens t = userTokens(CLIENT, null, "a", "b");

    ActiveToken access = oauth.introspect(t.accessToken()).unwrap().orElseThrow();
    assertThat(access.tokenType()).isEqualTo(ActiveToken.ACCESS_TOKEN);
    assertThat(access.clientId()).isEqualTo(CLIENT);
    assertThat(access.scope()).containsExactlyInAnyOrder("a", "b");
    assertThat(access.audience()).isEqualTo(AUD);
    assertThat(access.issuer()).isEqualTo(Fixture.ISSUER);
    assertThat(access.claims()).containsKeys("auth_time", "amr");

    ActiveToken refresh = oauth.introspect(t.refreshToken()).unwrap().orElseThrow();
    assertThat(refresh.tokenType()).isEqualTo(ActiveToken.REFRESH_TOKEN);
    assertThat(refresh.clientId()).isEqualTo(CLIENT);
    assertThat(refresh.sessionId()).isEqualTo(t.sessionId());

    oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).unwrap();
    assertThat(oauth.introspect(t.refreshToken()).unwrap()).as("rotated away").isEmpty();
    assertThat(oauth.introspect("not.a.token").unwrap()).isEmpty();
    assertThat(oauth.introspect("").unwrap()).isEmpty();

    GrantedTokens client = oauth.forClient(grant(CLIENT, "a")).unwrap();
    ActiveToken own = oauth.introspect(client.accessToken()).unwrap().orElseThrow();
    assertThat(own.subject()).isEqualTo(CLIENT);
    assertThat(own.sessionId()).isNull();
  }

  @Test
  void aRememberedAccessTokenIsInactiveAtOnceWhenRevokedElsewhere() {
    GrantedTokens t = oauth.forClient(grant(CLIENT, "a")).unwrap();
    assertThat(oauth.introspect(t.accessToken()).unwrap()).isPresent();
    assertThat(oauth.introspect(t.accessToken()).unwrap()).isPresent();
    assertThat(((JwtOAuthTokens) oauth).rememberedAccessTokens()).isEqualTo(1);

    // Another instance revokes it: the shared revocation store is asked on every introspection.
    Principal p = clientVerifier.verify(t.accessToken()).unwrap();
    f.stores.blacklist.revokeToken(
        p.issuer(), p.tokenId(), f.clock.instant(), p.expiresAt().plusSeconds(60));

    assertThat(oauth.introspect(t.accessToken()).unwrap()).isEmpty();
    assertThat(((JwtOAuthTokens) oauth).rememberedAccessTokens()).isZero();
  }

  @Test
  void aRememberedAccessTokenIsInactiveOnceItExpires() {
    GrantedTokens t = oauth.forClient(grant(CLIENT, "a")).unwrap();
    assertThat(oauth.introspect(t.accessToken()).unwrap()).isPresent();

    f.clock.set(t.accessTokenExpiresAt().plus(f.settings.leeway()));

    assertThat(oauth.introspect(t.accessToken()).unwrap()).isEmpty();
    assertThat(((JwtOAuthTokens) oauth).rememberedAccessTokens()).isZero();
  }

  @Test
  void aRememberedAccessTokenIsInactiveWhenItsUserIsRevokedEverywhere() {
    GrantedTokens t = userTokens(CLIENT, null, "a");
    assertThat(oauth.introspect(t.accessToken()).unwrap()).isPresent();
    Principal p = clientVerifier.verify(t.accessToken()).unwrap();

    f.clock.advance(Duration.ofSeconds(1));
    f.stores.blacklist.revokeUserBefore(
        p.subject(), f.clock.instant(), f.clock.instant().plus(Duration.ofDays(1)));

    assertThat(oauth.introspect(t.accessToken()).unwrap()).isEmpty();
  }

  @Test
  void aClientRevokesItsAccessTokenButNotAnothers() {
    GrantedTokens t = oauth.forClient(grant(CLIENT, "a")).unwrap();

    assertThat(code(oauth.revoke(t.accessToken(), OTHER))).isEqualTo("unauthorized_client");
    assertThat(clientVerifier.verify(t.accessToken()).isOk()).as("untouched").isTrue();

    assertThat(oauth.revoke(t.accessToken(), CLIENT).isOk()).isTrue();
    assertThat(clientVerifier.verify(t.accessToken()).isOk()).isFalse();
    assertThat(oauth.introspect(t.accessToken()).unwrap()).isEmpty();
    // Revoking again, or garbage, is fine (RFC 7009 section 2.2).
    assertThat(oauth.revoke(t.accessToken(), CLIENT).isOk()).isTrue();
    assertThat(oauth.revoke("garbage", CLIENT).isOk()).isTrue();
  }

  @Test
  void revokingARefreshTokenEndsItsFamilyAndTheAccessTokensItMinted() {
    GrantedTokens t = userTokens(CLIENT, null, "a");
    GrantedTokens next =
        oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).unwrap();

    assertThat(code(oauth.revoke(next.refreshToken(), OTHER))).isEqualTo("unauthorized_client");
    assertThat(oauth.introspect(next.refreshToken()).unwrap()).isPresent();

    assertThat(oauth.revoke(next.refreshToken(), CLIENT).isOk()).isTrue();
    assertThat(oauth.refresh(next.refreshToken(), grant(CLIENT), ALL, Duration.ZERO).isOk())
        .isFalse();
    assertThat(clientVerifier.verify(t.accessToken()).isOk()).isFalse();
    assertThat(clientVerifier.verify(next.accessToken()).isOk()).isFalse();
    assertThat(oauth.introspect(next.accessToken()).unwrap()).isEmpty();
  }

  @Test
  void aStoreThatCannotAnswerFailsClosed() {
    GrantedTokens t = userTokens(CLIENT, null, "a");
    f.stores.down.set(true);

    assertThat(code(oauth.introspect(t.accessToken()))).isEqualTo("service_unavailable");
    assertThat(code(oauth.revoke(t.refreshToken(), CLIENT))).isEqualTo("service_unavailable");
    assertThat(code(oauth.refresh(t.refreshToken(), grant(CLIENT), ALL, Duration.ZERO)))
        .isEqualTo("service_unavailable");
    f.stores.down.set(false);
    assertThat(oauth.introspect(t.accessToken()).unwrap()).isPresent();
  }
}
