package dev.portcullis.auth.jwt;

import static dev.portcullis.auth.jwt.testing.Fixture.code;
import static dev.portcullis.auth.jwt.testing.Fixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.TokenPair;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.jwt.internal.Json;
import dev.portcullis.auth.jwt.testing.Fixture;
import dev.portcullis.auth.jwt.testing.Tokens;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

final class TokenServiceTest {

  private static Map<String, Object> header(String token) {
    return Json.parseObject(Tokens.decode(token.split("\\.")[0]));
  }

  private static Map<String, Object> claims(String token) {
    return Json.parseObject(Tokens.decode(token.split("\\.")[1]));
  }

  @Test
  void issue_givesAnAccessAndRefreshPairWithEveryReservedClaim() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice", "admin");

    Map<String, Object> h = header(pair.accessToken());
    assertThat(h).containsOnlyKeys("alg", "typ", "kid");
    assertThat(h).containsEntry("alg", "HS256").containsEntry("typ", "at+jwt");
    assertThat(h.get("kid")).isEqualTo(f.ring.active().keyId());

    Map<String, Object> c = claims(pair.accessToken());
    assertThat(c)
        .containsKeys("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "sid")
        .containsEntry("iss", Fixture.ISSUER)
        .containsEntry("sub", "alice")
        .containsEntry("aud", "api")
        .containsEntry("sid", pair.sessionId())
        .containsEntry("roles", List.of("admin"));

    assertThat(header(pair.refreshToken())).containsEntry("typ", "refresh+jwt");
    assertThat(claims(pair.refreshToken())).containsEntry("sid", pair.sessionId());
    assertThat(claims(pair.refreshToken()).get("jti")).isNotEqualTo(c.get("jti"));
  }

  @Test
  void issue_aPasswordLoginKeepsAmrPwdInTheSessionAndWritesNoAmrClaim() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");

    assertThat(claims(pair.accessToken())).doesNotContainKey("amr");
    assertThat(f.stores.sessions.find(pair.sessionId()).orElseThrow().amr()).containsExactly("pwd");
  }

  @Test
  void issue_afterASecondFactorCarriesAmrPwdOtpInTheSessionAndEveryAccessToken() {
    Fixture f = Fixture.create();
    User u = f.stores.addUser("alice", Set.of());
    Authentication mfa =
        new Authentication(u, 0, f.clock.instant(), null, null).withAmr(List.of("pwd", "otp"));

    TokenPair pair = f.service.issue(mfa).unwrap();

    assertThat(claims(pair.accessToken())).containsEntry("amr", List.of("pwd", "otp"));
    assertThat(f.stores.sessions.find(pair.sessionId()).orElseThrow().amr())
        .containsExactly("pwd", "otp");
    TokenPair next = f.service.refresh(pair.refreshToken()).unwrap();
    assertThat(claims(next.accessToken())).containsEntry("amr", List.of("pwd", "otp"));
  }

  @Test
  void issue_usesTheDefaultLifetimes_15MinutesAnd7Days() {
    Fixture f = Fixture.create();
    Instant now = f.clock.instant();
    TokenPair pair = f.login("alice");

    assertThat(pair.accessTokenExpiresAt()).isEqualTo(now.plus(Duration.ofMinutes(15)));
    assertThat(pair.refreshTokenExpiresAt()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(f.settings.leeway()).isEqualTo(Duration.ofSeconds(60));
    assertThat(f.stores.sessions.find(pair.sessionId()).orElseThrow().expiresAt())
        .isEqualTo(pair.refreshTokenExpiresAt());
  }

  @Test
  void verify_returnsThePrincipalOfAFreshAccessToken() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice", "admin", "user");

    Principal p = f.service.verify(pair.accessToken()).unwrap();

    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.sessionId()).isEqualTo(pair.sessionId());
    assertThat(p.issuer()).isEqualTo(Fixture.ISSUER);
    assertThat(p.audience()).containsExactly("api");
    assertThat(p.roles()).containsExactlyInAnyOrder("admin", "user");
    assertThat(p.expiresAt()).isEqualTo(pair.accessTokenExpiresAt());
    assertThat(p.claims()).doesNotContainKeys("iss", "sub", "roles", "sid");
  }

  @Test
  void verify_refusesARefreshTokenWithTokenType() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");

    Result<Principal> r = f.service.verify(pair.refreshToken());

    assertThat(code(r)).isEqualTo("token_type");
    assertThat(error(r).message()).contains("refresh token");
  }

  @Test
  void refresh_refusesAnAccessTokenWithTokenType() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");

    Result<TokenPair> r = f.service.refresh(pair.accessToken());

    assertThat(code(r)).isEqualTo("token_type");
    assertThat(error(r).message()).contains("access token");
  }

  @Test
  void extraClaims_neverOverrideReservedOnes() {
    JwtSettings s = Fixture.settings("");
    Fixture f =
        Fixture.create(
            s,
            user ->
                Map.of(
                    "sub", "mallory",
                    "roles", List.of("root"),
                    "iss", "evil",
                    "exp", 9_999_999_999L,
                    "tenant", "acme"));
    TokenPair pair = f.login("alice", "user");

    Principal p = f.service.verify(pair.accessToken()).unwrap();

    assertThat(p.subject()).isEqualTo("alice");
    assertThat(p.roles()).containsExactly("user");
    assertThat(p.issuer()).isEqualTo(Fixture.ISSUER);
    assertThat(p.expiresAt()).isEqualTo(pair.accessTokenExpiresAt());
    assertThat(p.claims()).containsEntry("tenant", "acme").doesNotContainKey("exp");
  }

  @Test
  void refresh_rotatesAndIssuesANewPairInTheSameSession() {
    Fixture f = Fixture.create();
    TokenPair first = f.login("alice");
    f.clock.advance(Duration.ofMinutes(10));

    TokenPair second = f.service.refresh(first.refreshToken()).unwrap();

    assertThat(second.sessionId()).isEqualTo(first.sessionId());
    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(f.service.verify(second.accessToken()).isOk()).isTrue();
    assertThat(f.events).anyMatch(e -> e instanceof AuthEvent.TokenRefreshed);
    Session s = f.stores.sessions.find(first.sessionId()).orElseThrow();
    assertThat(s.refreshTokenId()).isEqualTo(claims(second.refreshToken()).get("jti"));
  }

  @Test
  void refresh_withAUsedTokenRevokesTheWholeFamilyIncludingAccessTokens() {
    Fixture f = Fixture.create();
    TokenPair first = f.login("alice");
    TokenPair second = f.service.refresh(first.refreshToken()).unwrap();
    assertThat(f.service.verify(second.accessToken()).isOk()).isTrue();

    Result<TokenPair> reuse = f.service.refresh(first.refreshToken());

    assertThat(code(reuse)).isEqualTo("refresh_token_reused");
    assertThat(error(reuse).oauthError()).isEqualTo("invalid_grant");
    assertThat(code(f.service.verify(second.accessToken()))).isEqualTo("token_revoked");
    assertThat(code(f.service.verify(first.accessToken()))).isEqualTo("token_revoked");
    assertThat(code(f.service.refresh(second.refreshToken()))).isEqualTo("token_revoked");
    assertThat(f.events)
        .filteredOn(e -> e instanceof AuthEvent.RefreshTokenReused)
        .singleElement()
        .satisfies(e -> assertThat(e.userId()).isEqualTo("alice"));
  }

  @Test
  void refresh_fiftyConcurrentRefreshesOfOneTokenExactlyOneSucceeds() throws Exception {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    int n = 50;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Result<TokenPair>>> futures = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        Callable<Result<TokenPair>> task =
            () -> {
              start.await();
              return f.service.refresh(pair.refreshToken());
            };
        futures.add(pool.submit(task));
      }
      start.countDown();
      List<Result<TokenPair>> results = new ArrayList<>();
      for (Future<Result<TokenPair>> fu : futures) {
        results.add(fu.get());
      }
      assertThat(results).filteredOn(Result::isOk).hasSize(1);
      assertThat(results)
          .filteredOn(Result::isErr)
          .extracting(Fixture::code)
          .containsOnly("refresh_token_reused", "token_revoked")
          .contains("refresh_token_reused");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refresh_aDisabledUserGetsNothing() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    f.stores.users.setEnabled("alice", false);

    Result<TokenPair> r = f.service.refresh(pair.refreshToken());

    assertThat(code(r)).isEqualTo("invalid_credentials");
    f.stores.users.setEnabled("alice", true);
    assertThat(code(f.service.refresh(pair.refreshToken()))).isEqualTo("token_revoked");
  }

  @Test
  void refresh_changedRolesShowUpInTheNewAccessToken() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice", "user");
    f.stores.users.setRoles("alice", Set.of("user", "admin"));

    TokenPair next = f.service.refresh(pair.refreshToken()).unwrap();

    assertThat(f.service.verify(next.accessToken()).unwrap().roles())
        .containsExactlyInAnyOrder("user", "admin");
  }

  @Test
  void refresh_afterTheRefreshTokenExpiredIsRefused() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    f.clock.advance(Duration.ofDays(7).plusMinutes(2));

    assertThat(code(f.service.refresh(pair.refreshToken()))).isEqualTo("token_expired");
  }

  @Test
  void revoke_logsOutTheSessionAndItsAccessTokenKeyedByIssuerAndJti() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    Principal p = f.service.verify(pair.accessToken()).unwrap();

    assertThat(f.service.revoke(p).isOk()).isTrue();

    Result<Principal> again = f.service.verify(pair.accessToken());
    assertThat(code(again)).isEqualTo("token_revoked");
    assertThat(error(again).message()).contains("revoked at " + f.clock.instant());
    assertThat(code(f.service.refresh(pair.refreshToken()))).isEqualTo("token_revoked");
    assertThat(f.stores.sessions.find(pair.sessionId()).orElseThrow().revokedAt()).isNotNull();
    assertThat(f.stores.blacklist.check(Fixture.ISSUER, p.tokenId(), "nobody", null, Instant.EPOCH))
        .isPresent();
    assertThat(f.events).anyMatch(e -> e instanceof AuthEvent.LoggedOut);
  }

  @Test
  void revoke_aReEncodedTokenIsStillRevoked() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    Principal p = f.service.verify(pair.accessToken()).unwrap();
    f.service.revoke(p);

    // The same claims signed again (as if re-encoded): a hash of the token string would differ.
    Map<String, Object> c = new java.util.LinkedHashMap<>();
    List<Map.Entry<String, Object>> entries =
        new ArrayList<>(claims(pair.accessToken()).entrySet());
    java.util.Collections.reverse(entries);
    entries.forEach(e -> c.put(e.getKey(), e.getValue()));
    JwtKey key = f.ring.active();
    String reencoded = Tokens.sign(key, Tokens.header(key, "at+jwt"), c);
    assertThat(reencoded).isNotEqualTo(pair.accessToken());

    assertThat(code(f.service.verify(reencoded))).isEqualTo("token_revoked");
  }

  @Test
  void revokeSession_endsThatSessionOnly_andKeepsItsRevocationAsLongAsItsTokensCouldLive() {
    Fixture f = Fixture.create();
    TokenPair ended = f.login("alice");
    User alice = f.stores.users.findById("alice").orElseThrow().user();
    TokenPair kept =
        f.service.issue(new Authentication(alice, 0, f.clock.instant(), null, null)).unwrap();
    Session session = f.stores.sessions.find(ended.sessionId()).orElseThrow();

    assertThat(f.service.revokeSession("alice", ended.sessionId()).isOk()).isTrue();

    assertThat(code(f.service.verify(ended.accessToken()))).isEqualTo("token_revoked");
    assertThat(code(f.service.refresh(ended.refreshToken()))).isEqualTo("token_revoked");
    assertThat(f.service.verify(kept.accessToken()).isOk()).isTrue();
    // Kept until the session would have expired, plus the leeway (the logout rule).
    Instant keep = session.expiresAt().plus(f.settings.leeway());
    f.clock.advance(Duration.between(f.clock.instant(), keep).minusSeconds(1));
    assertThat(
            f.stores.blacklist.check(
                Fixture.ISSUER, "any", "alice", ended.sessionId(), Instant.EPOCH))
        .isPresent();
    assertThat(f.events)
        .anyMatch(
            e ->
                e instanceof AuthEvent.LoggedOut l
                    && ended.sessionId().equals(l.sessionId())
                    && !l.everywhere());
  }

  @Test
  void revokeSession_ofAnotherUser_anEndedOne_orAnImpossibleId_isNotFound() {
    Fixture f = Fixture.create();
    TokenPair alice = f.login("alice");
    f.login("bob");

    assertThat(code(f.service.revokeSession("bob", alice.sessionId()))).isEqualTo("not_found");
    assertThat(f.service.verify(alice.accessToken()).isOk()).isTrue();
    assertThat(f.service.revokeSession("alice", alice.sessionId()).isOk()).isTrue();
    assertThat(code(f.service.revokeSession("alice", alice.sessionId()))).isEqualTo("not_found");
    assertThat(code(f.service.revokeSession("alice", "x".repeat(256)))).isEqualTo("not_found");
    assertThat(code(f.service.revokeSession("alice", "new\nline"))).isEqualTo("not_found");
    assertThat(code(f.service.revokeSession("alice", ""))).isEqualTo("not_found");
  }

  @Test
  void revokeAll_revokesEveryTokenOfTheUserAndEndsEverySession() {
    Fixture f = Fixture.create();
    TokenPair a = f.login("alice");
    User alice = f.stores.users.findById("alice").orElseThrow().user();
    TokenPair b =
        f.service.issue(new Authentication(alice, 0, f.clock.instant(), null, null)).unwrap();
    TokenPair bob = f.login("bob");
    f.clock.advance(Duration.ofSeconds(5));

    assertThat(f.service.revokeAll("alice").isOk()).isTrue();

    assertThat(code(f.service.verify(a.accessToken()))).isEqualTo("token_revoked");
    assertThat(code(f.service.verify(b.accessToken()))).isEqualTo("token_revoked");
    assertThat(code(f.service.refresh(a.refreshToken()))).isEqualTo("token_revoked");
    assertThat(f.service.verify(bob.accessToken()).isOk()).isTrue();
    assertThat(f.stores.sessions.listActive("alice", f.clock.instant())).isEmpty();
  }

  @Test
  void revokeAll_withinOneSecond_revokesEarlierTokensAndAcceptsLaterOnes() {
    Fixture f = Fixture.create();
    f.clock.set(Instant.parse("2030-01-01T12:00:00.300Z"));
    TokenPair before = f.login("alice");
    f.clock.set(Instant.parse("2030-01-01T12:00:00.700Z"));

    f.service.revokeAll("alice");
    f.clock.set(Instant.parse("2030-01-01T12:00:00.701Z"));
    User alice = f.stores.users.findById("alice").orElseThrow().user();
    TokenPair after =
        f.service.issue(new Authentication(alice, 0, f.clock.instant(), null, null)).unwrap();

    // Both were issued in second 12:00:00; only the fractional iat tells them apart.
    assertThat(claims(before.accessToken()).get("iat")).isEqualTo(new BigDecimal("1893499200.3"));
    assertThat(claims(after.accessToken()).get("iat")).isEqualTo(new BigDecimal("1893499200.701"));
    assertThat(code(f.service.verify(before.accessToken()))).isEqualTo("token_revoked");
    assertThat(f.service.verify(after.accessToken()).isOk()).isTrue();
  }

  @Test
  void revokeAll_aTokenIssuedInTheSameMillisecondIsRevokedToo() {
    Fixture f = Fixture.create();
    f.clock.set(Instant.parse("2030-01-01T12:00:00.700400Z"));
    TokenPair sameMillisBefore = f.login("alice");
    f.clock.set(Instant.parse("2030-01-01T12:00:00.700500Z"));

    f.service.revokeAll("alice");

    assertThat(code(f.service.verify(sameMillisBefore.accessToken()))).isEqualTo("token_revoked");
  }

  @Test
  void passwordChangeNotBefore_withWholeSecondPrecision_isHonoured() {
    // The core records a password change through revokeUserBefore with its own clock instant.
    Fixture f = Fixture.create();
    f.clock.set(Instant.parse("2030-01-01T12:00:00.100Z"));
    TokenPair old = f.login("alice");
    f.clock.set(Instant.parse("2030-01-01T12:00:00.500Z"));
    f.stores.blacklist.revokeUserBefore(
        "alice", f.clock.instant(), f.clock.instant().plus(Duration.ofDays(8)));
    f.clock.set(Instant.parse("2030-01-01T12:00:00.900Z"));
    User alice = f.stores.users.findById("alice").orElseThrow().user();
    TokenPair fresh =
        f.service.issue(new Authentication(alice, 0, f.clock.instant(), null, null)).unwrap();

    assertThat(code(f.service.verify(old.accessToken()))).isEqualTo("token_revoked");
    assertThat(f.service.verify(fresh.accessToken()).isOk()).isTrue();
  }

  @Test
  void verify_cachedVerificationStillChecksExpiry() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    assertThat(f.service.verify(pair.accessToken()).isOk()).isTrue();
    assertThat(f.verifier.cachedTokens()).isEqualTo(1);

    f.clock.advance(Duration.ofMinutes(15).plusSeconds(61));

    Result<Principal> r = f.service.verify(pair.accessToken());
    assertThat(code(r)).isEqualTo("token_expired");
    assertThat(error(r).message()).contains("expired 61 seconds ago");
  }

  @Test
  void verify_cachedVerificationStillChecksRevocation() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    Principal p = f.service.verify(pair.accessToken()).unwrap();
    assertThat(f.service.verify(pair.accessToken()).isOk()).isTrue();

    f.stores.blacklist.revokeToken(
        p.issuer(), p.tokenId(), f.clock.instant(), p.expiresAt().plusSeconds(60));

    assertThat(code(f.service.verify(pair.accessToken()))).isEqualTo("token_revoked");
  }

  @Test
  void verify_cachedVerificationFailsClosedWhenTheBlacklistIsDown() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    assertThat(f.service.verify(pair.accessToken()).isOk()).isTrue();

    f.stores.down.set(true);

    assertThat(code(f.service.verify(pair.accessToken()))).isEqualTo("service_unavailable");
  }

  @Test
  void storesThatCannotAnswerGiveServiceUnavailable() {
    Fixture f = Fixture.create();
    TokenPair pair = f.login("alice");
    Principal p = f.service.verify(pair.accessToken()).unwrap();
    f.stores.down.set(true);
    User u = f.stores.user("alice");

    assertThat(code(f.service.issue(new Authentication(u, 0, f.clock.instant(), null, null))))
        .isEqualTo("service_unavailable");
    assertThat(code(f.service.refresh(pair.refreshToken()))).isEqualTo("service_unavailable");
    assertThat(code(f.service.revoke(p))).isEqualTo("service_unavailable");
    assertThat(code(f.service.revokeAll("alice"))).isEqualTo("service_unavailable");
    assertThat(code(f.service.revokeSession("alice", pair.sessionId())))
        .isEqualTo("service_unavailable");
    assertThat(code(Fixture.create().service.verify("x.y.z"))).isEqualTo("token_malformed");
  }
}
