package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.model.Revocation.Scope;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TokenBlacklist}: the three revocation rules, each remembered exactly as
 * long as a token it concerns could still be valid, the user rule's not-before that never moves
 * back (also under 50 racing threads), and rejection of bad input.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty blacklist from
 * {@link #createBlacklist}, reading time only from the clock it is given:
 *
 * <pre>{@code
 * final class MemoryTokenBlacklistTest extends TokenBlacklistContract {
 *   @Override
 *   protected TokenBlacklist createBlacklist(MutableClock clock) {
 *     return MemoryStores.tokenBlacklist(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Tests never sleep: they move the clock. Override {@link #storedEntries} to also check that
 * entries disappear once the tokens they concern have expired.
 */
public abstract class TokenBlacklistContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /**
   * How long after an entry stopped mattering {@link #storedEntries} may still count it: physical
   * removal may lag (Caffeine's timer wheel sweeps in steps of about a second).
   */
  protected static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

  private static final String ISSUER = "https://auth.example.com";
  private static final String USER = "user-1";
  private static final String SESSION = "session-1";
  private static final Duration TOKEN_LIFE = Duration.ofMinutes(15);

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private TokenBlacklist blacklist;

  /** A new blacklist with no revocations that reads time from {@code clock}. */
  protected abstract TokenBlacklist createBlacklist(MutableClock clock);

  /**
   * How many revocations {@code blacklist} physically holds now, after its housekeeping, if the
   * adapter can tell; the tests that check that entries vanish (at most {@link #SWEEP_GRACE} after
   * they stopped mattering) are skipped when it cannot.
   */
  protected OptionalLong storedEntries(TokenBlacklist blacklist) {
    return OptionalLong.empty();
  }

  @BeforeEach
  void createBlacklistAtStart() {
    clock = MutableClock.at(START);
    blacklist = createBlacklist(clock);
  }

  /** Checks a token of {@link #USER} in {@link #SESSION} issued at {@link #START}. */
  private Optional<Revocation> check(String tokenId) {
    return blacklist.check(ISSUER, tokenId, USER, SESSION, START);
  }

  @Test
  void check_onAnEmptyBlacklist_findsNothing() {
    assertThat(check("jti-1")).isEmpty();
    assertThat(blacklist.check(ISSUER, "jti-1", USER, null, START)).isEmpty();
  }

  // ---- tokens

  @Test
  void revokeToken_revokesThatTokenAsOfItsRevocation() {
    Instant revokedAt = START.plusSeconds(30);

    blacklist.revokeToken(ISSUER, "jti-1", revokedAt, START.plus(TOKEN_LIFE));

    assertThat(check("jti-1")).contains(new Revocation(Scope.TOKEN, revokedAt));
    assertThat(blacklist.check(ISSUER, "jti-1", "someone-else", null, START))
        .as("the token id decides, whatever the other claims")
        .contains(new Revocation(Scope.TOKEN, revokedAt));
  }

  @Test
  void revokeToken_isKeyedByIssuerAndTokenId() {
    blacklist.revokeToken(ISSUER, "jti-1", START, START.plus(TOKEN_LIFE));

    assertThat(check("jti-2")).isEmpty();
    assertThat(blacklist.check("https://other.example.com", "jti-1", USER, SESSION, START))
        .isEmpty();
  }

  @Test
  void revokeToken_lastsUntilTheTokenExpires() {
    blacklist.revokeToken(ISSUER, "jti-1", START, START.plus(TOKEN_LIFE));

    clock.set(START.plus(TOKEN_LIFE).minusSeconds(1));
    assertThat(check("jti-1")).isPresent();

    clock.set(START.plus(TOKEN_LIFE));
    assertThat(check("jti-1")).isEmpty();
  }

  @Test
  void revokeToken_ofATokenThatExpiredAlready_remembersNothing() {
    blacklist.revokeToken(ISSUER, "jti-1", START, START.minusSeconds(1));

    assertThat(check("jti-1")).isEmpty();
  }

  // ---- sessions

  @Test
  void revokeSession_revokesEveryTokenOfTheSession() {
    Instant revokedAt = START.plusSeconds(10);

    blacklist.revokeSession(SESSION, revokedAt, START.plus(Duration.ofDays(1)));

    assertThat(check("jti-1")).contains(new Revocation(Scope.SESSION, revokedAt));
    assertThat(check("jti-2")).contains(new Revocation(Scope.SESSION, revokedAt));
    assertThat(blacklist.check(ISSUER, "jti-1", USER, "session-2", START)).isEmpty();
    assertThat(blacklist.check(ISSUER, "jti-1", USER, null, START)).isEmpty();
  }

  @Test
  void revokeSession_lastsUntilKeepUntil() {
    Instant keepUntil = START.plus(Duration.ofDays(1));
    blacklist.revokeSession(SESSION, START, keepUntil);

    clock.set(keepUntil.minusSeconds(1));
    assertThat(check("jti-1")).isPresent();

    clock.set(keepUntil);
    assertThat(check("jti-1")).isEmpty();
  }

  // ---- users

  @Test
  void revokeUserBefore_revokesTokensIssuedAtOrBeforeTheInstant() {
    Instant notBefore = START;

    blacklist.revokeUserBefore(USER, notBefore, START.plus(TOKEN_LIFE));

    assertThat(blacklist.check(ISSUER, "a", USER, null, START.minusSeconds(60)))
        .contains(new Revocation(Scope.USER, notBefore));
    assertThat(blacklist.check(ISSUER, "b", USER, null, START))
        .contains(new Revocation(Scope.USER, notBefore));
    assertThat(blacklist.check(ISSUER, "c", USER, null, START.plusSeconds(1))).isEmpty();
    assertThat(blacklist.check(ISSUER, "d", "user-2", null, START.minusSeconds(60))).isEmpty();
  }

  @Test
  void revokeUserBefore_neverMovesBack() {
    Instant later = START.plus(Duration.ofMinutes(10));
    blacklist.revokeUserBefore(USER, later, START.plus(Duration.ofHours(1)));

    blacklist.revokeUserBefore(USER, START, START.plus(Duration.ofHours(1)));

    assertThat(blacklist.check(ISSUER, "a", USER, null, START.plus(Duration.ofMinutes(5))))
        .contains(new Revocation(Scope.USER, later));
  }

  @Test
  void revokeUserBefore_movesForward() {
    Instant later = START.plus(Duration.ofMinutes(10));
    blacklist.revokeUserBefore(USER, START, START.plus(Duration.ofHours(1)));

    blacklist.revokeUserBefore(USER, later, START.plus(Duration.ofHours(1)));

    assertThat(blacklist.check(ISSUER, "a", USER, null, START.plus(Duration.ofMinutes(5))))
        .contains(new Revocation(Scope.USER, later));
  }

  @Test
  void revokeUserBefore_lastsUntilKeepUntil() {
    Instant keepUntil = START.plus(TOKEN_LIFE);
    blacklist.revokeUserBefore(USER, START, keepUntil);

    clock.set(keepUntil.minusSeconds(1));
    assertThat(blacklist.check(ISSUER, "a", USER, null, START)).isPresent();

    clock.set(keepUntil);
    assertThat(blacklist.check(ISSUER, "a", USER, null, START)).isEmpty();
  }

  @Test
  void revokeUserBefore_aLaterKeepUntilExtendsTheMemory() {
    blacklist.revokeUserBefore(USER, START, START.plus(Duration.ofHours(1)));
    blacklist.revokeUserBefore(USER, START, START.plus(Duration.ofHours(2)));

    clock.set(START.plus(Duration.ofMinutes(90)));

    assertThat(blacklist.check(ISSUER, "a", USER, null, START)).isPresent();
  }

  @Test
  void check_appliesEveryRuleInOneCall() {
    blacklist.revokeUserBefore(USER, START, START.plus(TOKEN_LIFE));

    Optional<Revocation> revocation = check("never-revoked-itself");

    assertThat(revocation).map(Revocation::scope).contains(Scope.USER);
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndNothingIsStored() {
    Instant end = START.plus(TOKEN_LIFE);

    assertRejected(() -> blacklist.revokeToken(null, "jti-1", START, end));
    assertRejected(() -> blacklist.revokeToken(" ", "jti-1", START, end));
    assertRejected(() -> blacklist.revokeToken(ISSUER, null, START, end));
    assertRejected(() -> blacklist.revokeToken(ISSUER, "", START, end));
    assertRejected(() -> blacklist.revokeToken(ISSUER, "jti-1", null, end));
    assertRejected(() -> blacklist.revokeToken(ISSUER, "jti-1", START, null));
    assertRejected(() -> blacklist.revokeSession(null, START, end));
    assertRejected(() -> blacklist.revokeSession(" ", START, end));
    assertRejected(() -> blacklist.revokeSession(SESSION, null, end));
    assertRejected(() -> blacklist.revokeSession(SESSION, START, null));
    assertRejected(() -> blacklist.revokeUserBefore(null, START, end));
    assertRejected(() -> blacklist.revokeUserBefore("", START, end));
    assertRejected(() -> blacklist.revokeUserBefore(USER, null, end));
    assertRejected(() -> blacklist.revokeUserBefore(USER, START, null));
    assertRejected(() -> blacklist.check(null, "jti-1", USER, SESSION, START));
    assertRejected(() -> blacklist.check(ISSUER, null, USER, SESSION, START));
    assertRejected(() -> blacklist.check(ISSUER, "jti-1", null, SESSION, START));
    assertRejected(() -> blacklist.check(ISSUER, "jti-1", " ", SESSION, START));
    assertRejected(() -> blacklist.check(ISSUER, "jti-1", USER, SESSION, null));

    assertThat(check("jti-1")).isEmpty();
    storedEntries(blacklist).ifPresent(n -> assertThat(n).isZero());
  }

  // ---- entries live as long as they matter

  @Test
  void entries_vanishOnceTheTokensTheyConcernHaveExpired() {
    assumeTrue(storedEntries(blacklist).isPresent(), "the adapter does not expose its entry count");
    blacklist.revokeToken(ISSUER, "jti-1", START, START.plus(TOKEN_LIFE));
    blacklist.revokeSession(SESSION, START, START.plus(Duration.ofHours(1)));
    blacklist.revokeUserBefore(USER, START, START.plus(Duration.ofDays(1)));
    assertThat(storedEntries(blacklist)).hasValue(3);

    clock.set(START.plus(TOKEN_LIFE).plus(SWEEP_GRACE));
    assertThat(storedEntries(blacklist)).hasValue(2);
    clock.set(START.plus(Duration.ofHours(1)).plus(SWEEP_GRACE));
    assertThat(storedEntries(blacklist)).hasValue(1);
    clock.set(START.plus(Duration.ofDays(1)).plus(SWEEP_GRACE));
    assertThat(storedEntries(blacklist)).hasValue(0);
  }

  @Test
  void revokeToken_ofATokenThatExpiredAlready_storesNothing() {
    assumeTrue(storedEntries(blacklist).isPresent(), "the adapter does not expose its entry count");

    blacklist.revokeToken(ISSUER, "jti-1", START.minusSeconds(60), START);

    assertThat(storedEntries(blacklist)).hasValue(0);
  }

  // ---- concurrency

  @Test
  void concurrentUserRevocations_keepTheLatestNotBefore() {
    Instant keepUntil = START.plus(Duration.ofHours(2));

    Concurrently.run(
        50,
        i -> {
          blacklist.revokeUserBefore(USER, START.plus(Duration.ofMinutes(i)), keepUntil);
          return null;
        });

    Instant latest = START.plus(Duration.ofMinutes(49));
    assertThat(blacklist.check(ISSUER, "a", USER, null, latest))
        .contains(new Revocation(Scope.USER, latest));
    assertThat(blacklist.check(ISSUER, "b", USER, null, latest.plusSeconds(1))).isEmpty();
  }

  @Test
  void concurrentRevocationsOfManyTokens_areAllKept() {
    Concurrently.run(
        50,
        i -> {
          blacklist.revokeToken(ISSUER, "jti-" + i, START, START.plus(TOKEN_LIFE));
          return null;
        });

    for (int i = 0; i < 50; i++) {
      assertThat(check("jti-" + i)).as("jti-%s", i).isPresent();
    }
  }
}
