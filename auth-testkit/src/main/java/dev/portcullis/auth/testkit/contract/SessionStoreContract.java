package dev.portcullis.auth.testkit.contract;

// Over 400 lines on purpose: a contract suite is the port's executable specification, one test
// per rule, and splitting it would scatter the rules an adapter author reads in one place.

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.SessionOfUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.memory.MemoryStores;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SessionStore}: sessions and their refresh-token families with their OAuth
 * grant, rotation exactly once under 50 racing threads, reuse detection, the retry grace (50 racing
 * retries all retried), absolute expiry and its clamping of rotations, every {@link
 * RefreshRotation} outcome, listing, revocation, purge, and rejection of bad input.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createSessionStore}:
 *
 * <pre>{@code
 * final class MemorySessionStoreTest extends SessionStoreContract {
 *   @Override
 *   protected SessionStore createSessionStore(MutableClock clock) {
 *     return MemoryStores.sessionStore(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Every instant the tests pass is the clock's, so adapters that also drop old sessions on the clock
 * agree, as long as they keep a session for at least a day after it ended.
 */
public abstract class SessionStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private static final Duration LIFE = Duration.ofHours(1);
  private static final Duration GRACE = Duration.ofSeconds(30);
  private static final String USER = "user-1";

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private SessionStore store;
  private UserStore users;

  /** A new store with no sessions; adapters that need time read it from {@code clock}. */
  protected abstract SessionStore createSessionStore(MutableClock clock);

  /**
   * The user store that {@link SessionStore#findWithUser} is asked about, called right after {@link
   * #createSessionStore}: override it to return the adapter's own user store when the session store
   * reads both in one query (the JDBC adapter joins its tables). The default is a new in-memory
   * one.
   */
  protected UserStore createUserStore() {
    return MemoryStores.userStore();
  }

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createSessionStore(clock);
    users = createUserStore();
  }

  /** A new session of {@code userId}, started now, whose first refresh token is {@code id-rt0}. */
  private Session start(String id, String userId) {
    Instant now = clock.instant();
    return Session.start(
        id, userId, id + "-rt0", now, now.plus(LIFE), "203.0.113.7", "test/1.0", 0);
  }

  private Session created(String id, String userId) {
    Session s = start(id, userId);
    store.create(s);
    return s;
  }

  private RefreshRotation rotate(String id, String presented, String next) {
    Instant now = clock.instant();
    return store.rotateRefreshToken(id, presented, next, now, now.plus(LIFE));
  }

  /** {@link #rotate} with a retry grace of {@link #GRACE}. */
  private RefreshRotation rotateWithGrace(String id, String presented, String next) {
    Instant now = clock.instant();
    return store.rotateRefreshToken(id, presented, next, now, now.plus(LIFE), GRACE);
  }

  /** A new session granted to a client, ending for good at {@code absoluteExpiresAt}. */
  private Session createdGrant(String id, Instant absoluteExpiresAt) {
    Session s =
        start(id, USER)
            .withGrant(
                "client-1",
                Set.of("read", "write"),
                START.minusSeconds(90),
                List.of("pwd", "otp"),
                absoluteExpiresAt);
    store.create(s);
    return s;
  }

  // ---- create and find

  @Test
  void create_thenFind_returnsTheSession() {
    Session s = created("s1", USER);

    assertThat(store.find("s1")).contains(s);
  }

  @Test
  void create_anExistingId_isRejectedAndKeepsTheFirst() {
    Session first = created("s1", USER);

    assertThatThrownBy(() -> store.create(start("s1", "user-2")))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.find("s1")).contains(first);
    assertThat(store.listActive("user-2", clock.instant())).isEmpty();
  }

  @Test
  void find_anUnknownId_isEmpty() {
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void find_afterTheSessionExpired_stillReturnsIt() {
    Session s = created("s1", USER);

    clock.advance(LIFE.plusMinutes(1));

    assertThat(store.find("s1")).contains(s);
  }

  // ---- rotation

  @Test
  void rotate_withTheCurrentToken_rotates() {
    created("s1", USER);
    clock.advance(Duration.ofMinutes(10));
    Instant now = clock.instant();

    RefreshRotation outcome =
        store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, now.plus(LIFE));

    assertThat(outcome).isEqualTo(RefreshRotation.ROTATED);
    Session s = store.find("s1").orElseThrow();
    assertThat(s.refreshTokenId()).isEqualTo("s1-rt1");
    assertThat(s.lastActiveAt()).isEqualTo(now);
    assertThat(s.expiresAt()).isEqualTo(now.plus(LIFE));
    assertThat(s.createdAt()).isEqualTo(START);
    assertThat(s.revokedAt()).isNull();
    assertThat(s.clientAddress()).isEqualTo("203.0.113.7");
    assertThat(s.userAgent()).isEqualTo("test/1.0");
  }

  @Test
  void rotate_aChainOfCurrentTokens_rotatesEachTime() {
    created("s1", USER);

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMinutes(30));
      assertThat(rotate("s1", "s1-rt" + i, "s1-rt" + (i + 1))).isEqualTo(RefreshRotation.ROTATED);
    }

    assertThat(store.find("s1").orElseThrow().refreshTokenId()).isEqualTo("s1-rt5");
  }

  @Test
  void rotate_withAnOlderTokenOfTheFamily_isReuseAndRevokesTheSession() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    clock.advance(Duration.ofMinutes(1));

    assertThat(rotate("s1", "s1-rt0", "attacker-rt")).isEqualTo(RefreshRotation.REUSED);

    Session s = store.find("s1").orElseThrow();
    assertThat(s.revokedAt()).isEqualTo(clock.instant());
    assertThat(s.refreshTokenId()).isEqualTo("s1-rt1");
    assertThat(rotate("s1", "s1-rt1", "s1-rt2")).isEqualTo(RefreshRotation.REVOKED);
  }

  @Test
  void rotate_withAnyOtherToken_isReuse() {
    created("s1", USER);

    assertThat(rotate("s1", "forged", "s1-rt1")).isEqualTo(RefreshRotation.REUSED);

    assertThat(store.find("s1").orElseThrow().revokedAt()).isEqualTo(START);
  }

  @Test
  void rotate_onARevokedSession_isRevokedAndChangesNothing() {
    created("s1", USER);
    store.revoke("s1", START);
    Session revoked = store.find("s1").orElseThrow();
    clock.advance(Duration.ofMinutes(1));

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.REVOKED);
    assertThat(rotate("s1", "forged", "s1-rt1")).isEqualTo(RefreshRotation.REVOKED);

    assertThat(store.find("s1")).contains(revoked);
  }

  @Test
  void rotate_onAnExpiredSession_isExpiredAndChangesNothing() {
    Session s = created("s1", USER);
    clock.advance(LIFE.plusSeconds(1));

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.EXPIRED);

    assertThat(store.find("s1")).contains(s);
  }

  @Test
  void rotate_atTheExactExpiry_isExpired() {
    created("s1", USER);
    clock.advance(LIFE);

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.EXPIRED);
  }

  @Test
  void rotate_justBeforeExpiry_rotates() {
    created("s1", USER);
    clock.advance(LIFE.minusSeconds(1));

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.ROTATED);
  }

  @Test
  void rotate_onAnUnknownSession_isNotFound() {
    assertThat(rotate("nope", "rt0", "rt1")).isEqualTo(RefreshRotation.NOT_FOUND);
  }

  @Test
  void rotate_withBadArguments_isRejectedAndChangesNothing() {
    Session s = created("s1", USER);
    Instant now = clock.instant();
    Instant later = now.plus(LIFE);

    assertRejected(() -> store.rotateRefreshToken(null, "s1-rt0", "s1-rt1", now, later));
    assertRejected(() -> store.rotateRefreshToken(" ", "s1-rt0", "s1-rt1", now, later));
    assertRejected(() -> store.rotateRefreshToken("s1", null, "s1-rt1", now, later));
    assertRejected(() -> store.rotateRefreshToken("s1", "", "s1-rt1", now, later));
    assertRejected(() -> store.rotateRefreshToken("s1", "s1-rt0", null, now, later));
    assertRejected(() -> store.rotateRefreshToken("s1", "s1-rt0", " ", now, later));
    assertRejected(() -> store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", null, later));
    assertRejected(() -> store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, null));
    assertThatThrownBy(() -> store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, now))
        .as("a next expiry that is not after now")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, now.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.find("s1")).contains(s);
  }

  @Test
  void rotate_concurrentlyWithOneToken_rotatesExactlyOnceAndRevokesTheSession() {
    created("s1", USER);

    List<RefreshRotation> outcomes = Concurrently.run(50, i -> rotate("s1", "s1-rt0", "next-" + i));

    Map<RefreshRotation, Long> counts =
        outcomes.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(counts.get(RefreshRotation.ROTATED)).isEqualTo(1);
    assertThat(counts.get(RefreshRotation.REUSED)).isPositive();
    assertThat(counts.keySet())
        .containsOnly(RefreshRotation.ROTATED, RefreshRotation.REUSED, RefreshRotation.REVOKED);
    Session s = store.find("s1").orElseThrow();
    assertThat(s.revokedAt()).isNotNull();
    int winner = outcomes.indexOf(RefreshRotation.ROTATED);
    assertThat(s.refreshTokenId()).isEqualTo("next-" + winner);
  }

  // ---- OAuth grant fields

  @Test
  void create_keepsEveryField_ofAGrantedAndAlreadyRotatedSession() {
    Session s =
        new Session(
            "s1",
            USER,
            "s1-rt2",
            START,
            START.plusSeconds(5),
            START.plus(LIFE),
            null,
            null,
            null,
            4,
            "client-1",
            Set.of("openid", "orders:read", "write"),
            START.minusSeconds(90),
            List.of("pwd", "otp", "mfa"),
            START.plus(Duration.ofDays(30)),
            "s1-rt1",
            START.plusSeconds(5));

    store.create(s);

    Session found = store.find("s1").orElseThrow();
    assertThat(found).isEqualTo(s);
    assertThat(found.amr()).containsExactly("pwd", "otp", "mfa");
    assertThat(found.scope()).containsExactly("openid", "orders:read", "write");
  }

  @Test
  void create_keepsAFirstPartySessionsDefaults_andAnEmptyGrant() {
    created("first-party", USER);
    Session empty = start("empty", USER).withGrant("client-1", Set.of(), START, List.of(), null);
    store.create(empty);

    Session firstParty = store.find("first-party").orElseThrow();
    assertThat(firstParty.clientId()).isNull();
    assertThat(firstParty.scope()).isEmpty();
    assertThat(firstParty.authTime()).isEqualTo(START);
    assertThat(firstParty.amr()).containsExactly("pwd");
    assertThat(firstParty.absoluteExpiresAt()).isNull();
    assertThat(firstParty.previousRefreshTokenId()).isNull();
    assertThat(firstParty.rotatedAt()).isNull();
    assertThat(store.find("empty")).contains(empty);
  }

  @Test
  void rotate_keepsTheGrant_andRecordsTheTokenItReplacedAndWhen() {
    Session s = createdGrant("s1", START.plus(Duration.ofDays(1)));
    clock.advance(Duration.ofMinutes(10));

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.ROTATED);

    Session rotated = store.find("s1").orElseThrow();
    assertThat(rotated.previousRefreshTokenId()).isEqualTo("s1-rt0");
    assertThat(rotated.rotatedAt()).isEqualTo(clock.instant());
    assertThat(rotated).isEqualTo(s.rotated("s1-rt1", clock.instant(), clock.instant().plus(LIFE)));
    clock.advance(Duration.ofMinutes(10));
    assertThat(rotate("s1", "s1-rt1", "s1-rt2")).isEqualTo(RefreshRotation.ROTATED);
    assertThat(store.find("s1").orElseThrow().previousRefreshTokenId()).isEqualTo("s1-rt1");
  }

  // ---- retry grace

  @Test
  void rotate_withThePreviousTokenWithinTheGrace_isRetriedAndChangesNothing() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    Session afterRotation = store.find("s1").orElseThrow();
    clock.advance(Duration.ofSeconds(5));

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.RETRIED);

    assertThat(store.find("s1")).contains(afterRotation);
  }

  @Test
  void rotate_afterARetry_theCurrentTokenStillRotates() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    rotateWithGrace("s1", "s1-rt0", "s1-lost");

    assertThat(rotateWithGrace("s1", "s1-rt1", "s1-rt2")).isEqualTo(RefreshRotation.ROTATED);

    assertThat(store.find("s1").orElseThrow().refreshTokenId()).isEqualTo("s1-rt2");
  }

  @Test
  void rotate_withThePreviousTokenJustBeforeTheGraceEnds_isRetried() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    clock.advance(GRACE.minusMillis(1));

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.RETRIED);
  }

  @Test
  void rotate_withThePreviousTokenWhenTheGraceEnds_isReuseAndRevokes() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    clock.advance(GRACE);

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.REUSED);

    assertThat(store.find("s1").orElseThrow().revokedAt()).isEqualTo(clock.instant());
  }

  @Test
  void rotate_withThePreviousTokenAndNoGrace_isReuse() {
    clock.advance(Duration.ofMinutes(1));
    // Presented by an instance whose clock lags the one that rotated: still not a retry.
    Instant lagging = clock.instant().minusSeconds(1);
    for (Duration none : List.of(Duration.ZERO, Duration.ofSeconds(-30))) {
      String id = "s" + none.getSeconds();
      created(id, USER);
      rotate(id, id + "-rt0", id + "-rt1");

      assertThat(
              store.rotateRefreshToken(id, id + "-rt0", "lost", lagging, lagging.plus(LIFE), none))
          .as("grace %s", none)
          .isEqualTo(RefreshRotation.REUSED);
      assertThat(store.find(id).orElseThrow().revokedAt()).isEqualTo(lagging);
    }
    created("default", USER);
    rotate("default", "default-rt0", "default-rt1");

    assertThat(rotate("default", "default-rt0", "lost"))
        .as("the method without a grace")
        .isEqualTo(RefreshRotation.REUSED);
  }

  @Test
  void rotate_withTheTokenOfTwoRotationsAgo_isReuseEvenWithinTheGrace() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    rotate("s1", "s1-rt1", "s1-rt2");

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.REUSED);

    assertThat(store.find("s1").orElseThrow().revokedAt()).isEqualTo(START);
  }

  @Test
  void rotate_withAForgedTokenWithinTheGrace_isReuse() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");

    assertThat(rotateWithGrace("s1", "forged", "s1-lost")).isEqualTo(RefreshRotation.REUSED);
    assertThat(store.find("s1").orElseThrow().revokedAt()).isEqualTo(START);
  }

  @Test
  void rotate_withThePreviousTokenOfARevokedSession_isRevoked() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    store.revoke("s1", START);
    Session revoked = store.find("s1").orElseThrow();

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.REVOKED);

    assertThat(store.find("s1")).contains(revoked);
  }

  @Test
  void rotate_withThePreviousTokenOfAnExpiredSession_isExpired() {
    created("s1", USER);
    Instant now = clock.instant();
    store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, now.plusSeconds(10), GRACE);
    Session rotated = store.find("s1").orElseThrow();
    clock.advance(Duration.ofSeconds(10));

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.EXPIRED);

    assertThat(store.find("s1")).contains(rotated);
  }

  @Test
  void rotate_concurrentRetriesOfThePreviousToken_areAllRetriedAndChangeNothing() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");
    Session afterRotation = store.find("s1").orElseThrow();

    List<RefreshRotation> outcomes =
        Concurrently.run(50, i -> rotateWithGrace("s1", "s1-rt0", "next-" + i));

    assertThat(outcomes).containsOnly(RefreshRotation.RETRIED).hasSize(50);
    assertThat(store.find("s1")).contains(afterRotation);
  }

  @Test
  void rotate_concurrentlyWithOneTokenAndAGrace_rotatesOnceAndRetriesTheRest() {
    created("s1", USER);

    List<RefreshRotation> outcomes =
        Concurrently.run(50, i -> rotateWithGrace("s1", "s1-rt0", "next-" + i));

    assertThat(outcomes).filteredOn(o -> o == RefreshRotation.ROTATED).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == RefreshRotation.RETRIED).hasSize(49);
    Session s = store.find("s1").orElseThrow();
    assertThat(s.isActive(clock.instant())).isTrue();
    assertThat(s.refreshTokenId()).isEqualTo("next-" + outcomes.indexOf(RefreshRotation.ROTATED));
    assertThat(s.previousRefreshTokenId()).isEqualTo("s1-rt0");
  }

  @Test
  void rotate_withoutARetryGrace_isRejected() {
    Session s = created("s1", USER);
    Instant now = clock.instant();

    assertRejected(
        () -> store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, now.plus(LIFE), null));

    assertThat(store.find("s1")).contains(s);
  }

  // ---- absolute expiry

  @Test
  void rotate_neverMovesTheExpiryPastTheAbsoluteExpiry() {
    Instant absolute = START.plus(Duration.ofMinutes(90));
    createdGrant("s1", absolute);
    clock.advance(Duration.ofMinutes(50));

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.ROTATED);

    Session s = store.find("s1").orElseThrow();
    assertThat(s.expiresAt()).isEqualTo(absolute);
    assertThat(s.refreshTokenId()).isEqualTo("s1-rt1");
    assertThat(s.isActive(absolute.minusNanos(1000))).isTrue();
  }

  @Test
  void rotate_beforeALaterAbsoluteExpiry_takesTheNextExpiryAsGiven() {
    createdGrant("s1", START.plus(Duration.ofDays(1)));
    clock.advance(Duration.ofMinutes(50));

    rotate("s1", "s1-rt0", "s1-rt1");

    assertThat(store.find("s1").orElseThrow().expiresAt()).isEqualTo(clock.instant().plus(LIFE));
  }

  @Test
  void rotate_atTheAbsoluteExpiry_isExpiredAndChangesNothing() {
    Session s = createdGrant("s1", START.plus(Duration.ofMinutes(30)));
    clock.advance(Duration.ofMinutes(30));

    assertThat(rotate("s1", "s1-rt0", "s1-rt1")).isEqualTo(RefreshRotation.EXPIRED);
    assertThat(rotate("s1", "forged", "s1-rt1")).isEqualTo(RefreshRotation.EXPIRED);

    assertThat(store.find("s1")).contains(s);
  }

  @Test
  void rotate_withThePreviousTokenAfterTheAbsoluteExpiry_isExpired() {
    createdGrant("s1", START.plusSeconds(20));
    rotate("s1", "s1-rt0", "s1-rt1");
    Session rotated = store.find("s1").orElseThrow();
    clock.advance(Duration.ofSeconds(20));

    assertThat(rotateWithGrace("s1", "s1-rt0", "s1-lost")).isEqualTo(RefreshRotation.EXPIRED);

    assertThat(store.find("s1")).contains(rotated);
  }

  // ---- listing

  @Test
  void listActive_returnsTheUsersActiveSessionsNewestFirst() {
    Session s1 = created("s1", USER);
    store.create(
        Session.start("short", USER, "short-rt0", START, START.plusSeconds(30), null, null, 0));
    clock.advance(Duration.ofMinutes(1));
    created("s2", USER);
    clock.advance(Duration.ofMinutes(1));
    Session s3 = created("s3", USER);
    created("other", "user-2");
    store.revoke("s2", clock.instant());

    assertThat(store.listActive(USER, clock.instant())).containsExactly(s3, s1);
  }

  @Test
  void listActive_ofAUserWithoutSessions_isEmpty() {
    created("s1", USER);

    assertThat(store.listActive("user-2", clock.instant())).isEmpty();
  }

  @Test
  void listActive_reflectsRotations() {
    created("s1", USER);
    rotate("s1", "s1-rt0", "s1-rt1");

    assertThat(store.listActive(USER, clock.instant()))
        .singleElement()
        .extracting(Session::refreshTokenId)
        .isEqualTo("s1-rt1");
  }

  @Test
  void listActive_leavesOutSessionsPastTheirAbsoluteExpiry() {
    createdGrant("ends-soon", START.plus(Duration.ofMinutes(10)));
    Session later = createdGrant("ends-later", START.plus(Duration.ofDays(1)));
    clock.advance(Duration.ofMinutes(10));

    assertThat(store.listActive(USER, clock.instant())).containsExactly(later);
    assertThat(store.listActive(USER, START)).hasSize(2);
  }

  // ---- revocation

  @Test
  void revoke_endsTheSessionAtTheGivenInstant() {
    created("s1", USER);
    Instant at = START.plusSeconds(5);

    assertThat(store.revoke("s1", at)).isTrue();

    Session s = store.find("s1").orElseThrow();
    assertThat(s.revokedAt()).isEqualTo(at);
    assertThat(s.isActive(at)).isFalse();
  }

  @Test
  void revoke_twice_returnsFalseAndKeepsTheFirstInstant() {
    created("s1", USER);
    store.revoke("s1", START);

    assertThat(store.revoke("s1", START.plusSeconds(60))).isFalse();

    assertThat(store.find("s1").orElseThrow().revokedAt()).isEqualTo(START);
  }

  @Test
  void revoke_anUnknownSession_returnsFalse() {
    assertThat(store.revoke("nope", START)).isFalse();
  }

  @Test
  void revokeAllForUser_endsEveryActiveSessionExceptTheOneKept() {
    created("s1", USER);
    created("s2", USER);
    created("s3", USER);
    Session other = created("other", "user-2");
    Instant at = START.plusSeconds(5);

    assertThat(store.revokeAllForUser(USER, at, "s1")).isEqualTo(2);

    assertThat(store.find("s1").orElseThrow().revokedAt()).isNull();
    assertThat(store.find("s2").orElseThrow().revokedAt()).isEqualTo(at);
    assertThat(store.find("s3").orElseThrow().revokedAt()).isEqualTo(at);
    assertThat(store.find("other")).contains(other);
  }

  @Test
  void revokeAllForUser_withoutAKeptSession_endsThemAll() {
    created("s1", USER);
    created("s2", USER);

    assertThat(store.revokeAllForUser(USER, START, null)).isEqualTo(2);

    assertThat(store.listActive(USER, START)).isEmpty();
  }

  @Test
  void revokeAllForUser_countsOnlySessionsItEnded() {
    created("s1", USER);
    created("s2", USER);
    store.revoke("s1", START);
    clock.advance(Duration.ofMinutes(1));

    assertThat(store.revokeAllForUser(USER, clock.instant(), null)).isEqualTo(1);

    assertThat(store.find("s1").orElseThrow().revokedAt()).isEqualTo(START);
  }

  @Test
  void revokeAllForUser_ofAUserWithoutSessions_endsNothing() {
    assertThat(store.revokeAllForUser(USER, START, null)).isZero();
  }

  @Test
  void revokeAllForUser_leavesSessionsPastTheirAbsoluteExpiryAlone() {
    Session ended = createdGrant("ended", START.plus(Duration.ofMinutes(10)));
    createdGrant("active", START.plus(Duration.ofDays(1)));
    clock.advance(Duration.ofMinutes(10));

    assertThat(store.revokeAllForUser(USER, clock.instant(), null)).isEqualTo(1);

    assertThat(store.find("ended")).contains(ended);
  }

  // ---- purge

  @Test
  void create_keepsTheCredentialsVersion_andRotationKeepsItToo() {
    Instant now = clock.instant();
    store.create(Session.start("s1", USER, "s1-rt0", now, now.plus(LIFE), null, null, 7));

    assertThat(store.find("s1").orElseThrow().credentialsVersion()).isEqualTo(7);
    store.rotateRefreshToken("s1", "s1-rt0", "s1-rt1", now, now.plus(LIFE));
    assertThat(store.find("s1").orElseThrow().credentialsVersion()).isEqualTo(7);
  }

  @Test
  void setCredentialsVersion_movesAnActiveSessionOnly() {
    created("s1", USER);
    created("s2", USER);
    store.revoke("s2", clock.instant());

    assertThat(store.setCredentialsVersion("s1", 3)).isTrue();
    assertThat(store.setCredentialsVersion("s2", 3)).as("an ended session").isFalse();
    assertThat(store.setCredentialsVersion("nope", 3)).isFalse();

    Session s1 = store.find("s1").orElseThrow();
    assertThat(s1.credentialsVersion()).isEqualTo(3);
    assertThat(s1.isActive(clock.instant())).isTrue();
    assertThat(store.find("s2").orElseThrow().credentialsVersion()).isZero();
  }

  @Test
  void purge_deletesSessionsThatExpiredOrEndedBeforeTheCutoff() {
    store.create(
        Session.start(
            "expires-early",
            USER,
            "a-rt0",
            START,
            START.plus(Duration.ofMinutes(10)),
            null,
            null,
            0));
    created("revoked-early", USER);
    store.revoke("revoked-early", START.plus(Duration.ofMinutes(5)));
    Session active = created("active", USER);
    created("revoked-late", USER);
    store.revoke("revoked-late", START.plus(Duration.ofMinutes(30)));
    Session revokedLate = store.find("revoked-late").orElseThrow();

    assertThat(store.purge(START.plus(Duration.ofMinutes(20)))).isEqualTo(2);

    assertThat(store.find("expires-early")).isEmpty();
    assertThat(store.find("revoked-early")).isEmpty();
    assertThat(store.find("active")).contains(active);
    assertThat(store.find("revoked-late")).contains(revokedLate);
    assertThat(store.listActive(USER, START)).containsExactly(active);
  }

  @Test
  void purge_deletesSessionsPastTheirAbsoluteExpiryBeforeTheCutoff() {
    createdGrant("ended-early", START.plus(Duration.ofMinutes(10)));
    Session endsLate = createdGrant("ends-late", START.plus(Duration.ofMinutes(30)));

    assertThat(store.purge(START.plus(Duration.ofMinutes(20)))).isEqualTo(1);

    assertThat(store.find("ended-early")).isEmpty();
    assertThat(store.find("ends-late")).contains(endsLate);
  }

  // ---- the session with its user, as a refresh reads them

  private User addUser(String id, Set<String> roles) {
    return users
        .create(
            new NewUser(
                id,
                id + "@example.com",
                id + "@example.com",
                null,
                "$test$not-a-real-hash",
                roles,
                START.minus(Duration.ofDays(1)),
                false))
        .unwrap();
  }

  @Test
  void findWithUser_givesTheSessionAndItsUserAsStoredNow() {
    addUser(USER, Set.of("reader"));
    Session s = created("s1", USER);
    users.setRoles(USER, Set.of("reader", "writer"));
    users.setEnabled(USER, false);
    users.setPassword(USER, 0, "$test$another-hash", START);

    SessionOfUser found = store.findWithUser("s1", users).orElseThrow();

    assertThat(found.session()).isEqualTo(s);
    assertThat(found.user().user().id()).isEqualTo(USER);
    assertThat(found.user().user().enabled()).isFalse();
    assertThat(found.user().user().roles()).containsExactlyInAnyOrder("reader", "writer");
    assertThat(found.user().credentialsVersion()).isEqualTo(1);
    assertThat(found.user().passwordHash()).isEqualTo("$test$another-hash");
  }

  @Test
  void findWithUser_ofAUserWithoutRoles_hasNoRoles() {
    addUser(USER, Set.of());
    created("s1", USER);

    assertThat(store.findWithUser("s1", users).orElseThrow().user().user().roles()).isEmpty();
  }

  @Test
  void findWithUser_seesTheSessionEnded() {
    addUser(USER, Set.of());
    created("s1", USER);
    store.revoke("s1", START.plusSeconds(5));

    assertThat(store.findWithUser("s1", users).orElseThrow().session().revokedAt())
        .isEqualTo(START.plusSeconds(5));
  }

  @Test
  void findWithUser_ofAnUnknownSession_isEmpty_andOfAGoneUser_hasNoUser() {
    created("s1", "nobody");

    assertThat(store.findWithUser("s2", users)).isEmpty();
    SessionOfUser found = store.findWithUser("s1", users).orElseThrow();
    assertThat(found.session().id()).isEqualTo("s1");
    assertThat(found.user()).isNull();
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    Session s = created("s1", USER);

    assertRejected(() -> store.setCredentialsVersion(null, 1));
    assertRejected(() -> store.setCredentialsVersion(" ", 1));
    assertRejected(() -> store.setCredentialsVersion("s1", -1));
    assertRejected(() -> store.create(null));
    assertRejected(
        () ->
            store.create(Session.start(" ", USER, "rt0", START, START.plus(LIFE), null, null, 0)));
    assertRejected(
        () -> store.create(Session.start("s2", "", "rt0", START, START.plus(LIFE), null, null, 0)));
    assertRejected(
        () -> store.create(Session.start("s2", USER, " ", START, START.plus(LIFE), null, null, 0)));
    assertRejected(() -> store.find(null));
    assertRejected(() -> store.find(" "));
    assertRejected(() -> store.findWithUser(null, users));
    assertRejected(() -> store.findWithUser(" ", users));
    assertRejected(() -> store.listActive(null, START));
    assertRejected(() -> store.listActive(" ", START));
    assertRejected(() -> store.listActive(USER, null));
    assertRejected(() -> store.revoke(null, START));
    assertRejected(() -> store.revoke("", START));
    assertRejected(() -> store.revoke("s1", null));
    assertRejected(() -> store.revokeAllForUser(null, START, null));
    assertRejected(() -> store.revokeAllForUser(" ", START, null));
    assertRejected(() -> store.revokeAllForUser(USER, null, null));
    assertRejected(() -> store.purge(null));

    assertThat(store.find("s2")).isEmpty();
    assertThat(store.listActive(USER, START)).containsExactly(s);
  }
}
