package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link DeviceGrantStore} (RFC 8628): a saved grant is found by its user code
 * while pending and unexpired; approval and denial change only a pending, unexpired grant, and of
 * 20 concurrent approvals exactly one wins; a poll is {@code Pending} until the user decides, the
 * first poll is never throttled, a device polling exactly at the interval never gets {@code
 * SlowDown}, an early poll gets {@code SlowDown} and the interval grows by 5 s and stays grown
 * (once for early polls in a row, so a device that waits what it was told catches up); the first
 * poll after approval gets the grant and consumes it, so of 20 concurrent polls exactly one gets
 * it; a denied grant answers {@code Denied}, an expired one {@code Expired}, an unknown or consumed
 * one {@code Invalid}; purge forgets grants that expired before the cutoff; bad input is rejected
 * and changes nothing.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createDeviceGrantStore}:
 *
 * <pre>{@code
 * final class MemoryDeviceGrantStoreTest extends DeviceGrantStoreContract {
 *   @Override
 *   protected DeviceGrantStore createDeviceGrantStore(MutableClock clock) {
 *     return MemoryStores.deviceGrantStore(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Every instant the tests pass is the clock's.
 */
public abstract class DeviceGrantStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private static final Duration LIFE = Duration.ofMinutes(10);
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Duration TOLERANCE = Duration.ofMillis(500);

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private DeviceGrantStore store;

  /** A new store with no grants; adapters that expire entries read time from {@code clock}. */
  protected abstract DeviceGrantStore createDeviceGrantStore(MutableClock clock);

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createDeviceGrantStore(clock);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private DeviceGrant grant(String name) {
    return DeviceGrant.pending(
        sha256("device-" + name),
        sha256("user-" + name),
        "tv-app",
        Set.of("openid", "profile"),
        clock.instant(),
        clock.instant().plus(LIFE),
        INTERVAL);
  }

  private DeviceGrant saved(String name) {
    DeviceGrant grant = grant(name);
    store.save(grant);
    return grant;
  }

  private DevicePoll poll(DeviceGrant grant) {
    return store.poll(grant.deviceCodeHash(), clock.instant(), TOLERANCE);
  }

  private boolean approve(DeviceGrant grant) {
    return store.approve(grant.userCodeHash(), "user-1", "session-1", START, 3, clock.instant());
  }

  // ---- save and find

  @Test
  void findByUserCode_aSavedGrant_returnsItWithEveryField() {
    DeviceGrant grant = saved("a");

    assertThat(store.findByUserCode(grant.userCodeHash(), clock.instant())).contains(grant);
  }

  @Test
  void findByUserCode_anUnknownOrExpiredOrDecidedGrant_isEmpty() {
    DeviceGrant expired = saved("expired");
    DeviceGrant denied = saved("denied");
    DeviceGrant approved = saved("approved");
    assertThat(store.deny(denied.userCodeHash(), clock.instant())).isTrue();
    assertThat(approve(approved)).isTrue();

    assertThat(store.findByUserCode(sha256("unknown"), clock.instant())).isEmpty();
    assertThat(store.findByUserCode(denied.userCodeHash(), clock.instant())).isEmpty();
    assertThat(store.findByUserCode(approved.userCodeHash(), clock.instant())).isEmpty();
    clock.set(expired.expiresAt());
    assertThat(store.findByUserCode(expired.userCodeHash(), clock.instant())).isEmpty();
  }

  @Test
  void save_anExistingDeviceOrUserCodeHash_isRejectedAndKeepsTheFirst() {
    DeviceGrant first = saved("a");
    DeviceGrant other = grant("b");

    assertThatThrownBy(
            () ->
                store.save(
                    DeviceGrant.pending(
                        first.deviceCodeHash(),
                        other.userCodeHash(),
                        "other",
                        Set.of(),
                        clock.instant(),
                        clock.instant().plus(LIFE),
                        INTERVAL)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store.save(
                    DeviceGrant.pending(
                        other.deviceCodeHash(),
                        first.userCodeHash(),
                        "other",
                        Set.of(),
                        clock.instant(),
                        clock.instant().plus(LIFE),
                        INTERVAL)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findByUserCode(first.userCodeHash(), clock.instant())).contains(first);
    assertThat(store.findByUserCode(other.userCodeHash(), clock.instant())).isEmpty();
    assertThat(store.poll(other.deviceCodeHash(), clock.instant(), TOLERANCE))
        .isEqualTo(new DevicePoll.Invalid());
    // The refused saves left nothing behind: the second grant can still be saved.
    store.save(other);
    assertThat(store.findByUserCode(other.userCodeHash(), clock.instant())).contains(other);
  }

  // ---- polling

  @Test
  void poll_theFirstPoll_isNeverThrottledEvenRightAfterIssue() {
    DeviceGrant grant = saved("a");

    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(INTERVAL));
  }

  @Test
  void poll_exactlyAtTheInterval_neverSlowsDown() {
    DeviceGrant grant = saved("a");

    for (int i = 0; i < 20; i++) {
      assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(INTERVAL));
      clock.advance(INTERVAL);
    }
  }

  @Test
  void poll_withinTheToleranceBeforeTheInterval_isPending() {
    DeviceGrant grant = saved("a");
    poll(grant);

    clock.advance(INTERVAL.minus(TOLERANCE));

    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(INTERVAL));
  }

  @Test
  void poll_tooEarly_slowsDownAndTheIntervalGrowsByFiveSecondsAndStays() {
    DeviceGrant grant = saved("a");
    poll(grant);

    clock.advance(Duration.ofSeconds(1));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(10)));

    clock.advance(Duration.ofSeconds(10));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(Duration.ofSeconds(10)));
    clock.advance(Duration.ofSeconds(10));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(Duration.ofSeconds(10)));

    // Early again after an answer on time: it grows again.
    clock.advance(Duration.ofSeconds(1));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(15)));
  }

  @Test
  void poll_twoEarlyPollsInARow_growTheIntervalOnce_andAClientThatThenObeysIsNeverThrottled() {
    DeviceGrant grant = saved("a");
    poll(grant);

    clock.advance(Duration.ofSeconds(1));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(10)));
    clock.advance(Duration.ofSeconds(1));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(10)));

    clock.advance(Duration.ofSeconds(10));
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(Duration.ofSeconds(10)));
    assertThat(approve(grant)).isTrue();
    clock.advance(Duration.ofSeconds(15));
    assertThat(poll(grant)).isInstanceOf(DevicePoll.Approved.class);
  }

  @Test
  void poll_aDeviceWhosePaceStartedBelowTheInterval_catchesUpByAddingFiveSecondsPerSlowDown() {
    DeviceGrant grant = saved("a");
    poll(grant);
    // RFC 8628 section 3.5: the device adds 5 s to its own pace (1 s here) on every slow_down.
    Duration pace = Duration.ofSeconds(1);
    clock.advance(pace);
    assertThat(poll(grant)).isInstanceOf(DevicePoll.SlowDown.class);
    pace = pace.plusSeconds(5);
    clock.advance(pace);
    assertThat(poll(grant)).isInstanceOf(DevicePoll.SlowDown.class);
    pace = pace.plusSeconds(5);

    for (int i = 0; i < 5; i++) {
      clock.advance(pace);
      assertThat(poll(grant)).as("poll " + i).isInstanceOf(DevicePoll.Pending.class);
    }
  }

  @Test
  void approve_keepsHowTheUserAuthenticated_forThePoll() {
    DeviceGrant grant = saved("a");
    DeviceGrant other = saved("b");
    assertThat(
            store.approve(
                grant.userCodeHash(),
                "user-1",
                "session-1",
                START,
                3,
                List.of("pwd", "otp"),
                clock.instant()))
        .isTrue();
    assertThat(approve(other)).isTrue();

    DevicePoll polled = poll(grant);
    DevicePoll polledOther = poll(other);

    assertThat(((DevicePoll.Approved) polled).grant().amr()).containsExactly("pwd", "otp");
    assertThat(((DevicePoll.Approved) polledOther).grant().amr()).containsExactly("pwd");
  }

  @Test
  void approve_withMalformedAmr_isRejectedAndChangesNothing() {
    DeviceGrant grant = saved("a");
    Instant now = clock.instant();
    String user = grant.userCodeHash();

    assertRejected(() -> store.approve(user, "u", "s", START, 0, List.of(), now));
    assertRejected(() -> store.approve(user, "u", "s", START, 0, List.of("P W D"), now));
    assertRejected(() -> store.approve(user, "u", "s", START, 0, null, now));
    assertThat(poll(grant)).isInstanceOf(DevicePoll.Pending.class);
  }

  @Test
  void poll_afterApproval_returnsTheGrantOnceThenIsInvalid() {
    DeviceGrant grant = saved("a");
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(INTERVAL));
    assertThat(approve(grant)).isTrue();
    clock.advance(INTERVAL);

    DevicePoll first = poll(grant);

    assertThat(first).isInstanceOf(DevicePoll.Approved.class);
    DeviceGrant approved = ((DevicePoll.Approved) first).grant();
    assertThat(approved.deviceCodeHash()).isEqualTo(grant.deviceCodeHash());
    assertThat(approved.clientId()).isEqualTo("tv-app");
    assertThat(approved.scope()).isEqualTo(Set.of("openid", "profile"));
    assertThat(approved.userId()).isEqualTo("user-1");
    assertThat(approved.sessionId()).isEqualTo("session-1");
    assertThat(approved.authTime()).isEqualTo(START);
    assertThat(approved.credentialsVersion()).isEqualTo(3L);
    assertThat(approved.lastPolledAt()).isEqualTo(clock.instant());
    assertThat(approved.status()).isEqualTo(DeviceGrant.Status.CONSUMED);

    clock.advance(INTERVAL);
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Invalid());
    assertThat(approve(grant)).isFalse();
  }

  @Test
  void poll_afterDenial_isDenied() {
    DeviceGrant grant = saved("a");
    assertThat(store.deny(grant.userCodeHash(), clock.instant())).isTrue();

    assertThat(poll(grant)).isEqualTo(new DevicePoll.Denied());
    clock.advance(INTERVAL);
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Denied());
    assertThat(approve(grant)).isFalse();
    assertThat(store.deny(grant.userCodeHash(), clock.instant())).isFalse();
  }

  @Test
  void poll_atOrAfterExpiry_isExpiredWhateverTheStatus() {
    DeviceGrant pending = saved("pending");
    DeviceGrant approved = saved("approved");
    assertThat(approve(approved)).isTrue();

    clock.set(pending.expiresAt());

    assertThat(poll(pending)).isEqualTo(new DevicePoll.Expired());
    assertThat(poll(approved)).isEqualTo(new DevicePoll.Expired());
    assertThat(approve(pending)).isFalse();
    assertThat(store.deny(pending.userCodeHash(), clock.instant())).isFalse();
  }

  @Test
  void poll_justBeforeExpiry_isPending() {
    DeviceGrant grant = saved("a");
    clock.set(grant.expiresAt().minusNanos(1));

    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(INTERVAL));
  }

  @Test
  void poll_anUnknownCode_isInvalid() {
    assertThat(store.poll(sha256("unknown"), clock.instant(), TOLERANCE))
        .isEqualTo(new DevicePoll.Invalid());
  }

  @Test
  void approve_onlyOnce_andDenyAfterApprovalChangesNothing() {
    DeviceGrant grant = saved("a");

    assertThat(approve(grant)).isTrue();
    assertThat(approve(grant)).isFalse();
    assertThat(store.deny(grant.userCodeHash(), clock.instant())).isFalse();
    assertThat(poll(grant)).isInstanceOf(DevicePoll.Approved.class);
  }

  @Test
  void approve_orDeny_anUnknownUserCode_isFalse() {
    assertThat(store.approve(sha256("unknown"), "u", "s", START, 0, clock.instant())).isFalse();
    assertThat(store.deny(sha256("unknown"), clock.instant())).isFalse();
  }

  // ---- purge

  @Test
  void purge_forgetsGrantsThatExpireBeforeTheCutoffOnly() {
    DeviceGrant early = saved("early");
    clock.advance(Duration.ofMinutes(1));
    DeviceGrant late = saved("late");

    assertThat(store.purge(early.expiresAt().plusNanos(1))).isEqualTo(1);

    clock.set(early.expiresAt());
    assertThat(poll(early)).isEqualTo(new DevicePoll.Invalid());
    assertThat(poll(late)).isEqualTo(new DevicePoll.Pending(INTERVAL));
    // The purged grant's user code is free again.
    store.save(
        DeviceGrant.pending(
            sha256("device-new"),
            early.userCodeHash(),
            "tv-app",
            Set.of(),
            clock.instant(),
            clock.instant().plus(LIFE),
            INTERVAL));
    assertThat(store.findByUserCode(early.userCodeHash(), clock.instant())).isPresent();
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    DeviceGrant grant = saved("a");
    String user = grant.userCodeHash();
    String device = grant.deviceCodeHash();
    Instant now = clock.instant();

    assertRejected(() -> store.save(null));
    assertRejected(() -> store.findByUserCode(null, now));
    assertRejected(() -> store.findByUserCode("not-a-hash", now));
    assertRejected(() -> store.findByUserCode(user, null));
    assertRejected(() -> store.approve(null, "u", "s", START, 0, now));
    assertRejected(() -> store.approve(user.toUpperCase(), "u", "s", START, 0, now));
    assertRejected(() -> store.approve(user, null, "s", START, 0, now));
    assertRejected(() -> store.approve(user, " ", "s", START, 0, now));
    assertRejected(() -> store.approve(user, "u", null, START, 0, now));
    assertRejected(() -> store.approve(user, "u", "", START, 0, now));
    assertRejected(() -> store.approve(user, "u", "s", null, 0, now));
    assertRejected(() -> store.approve(user, "u", "s", START, -1, now));
    assertRejected(() -> store.approve(user, "u", "s", START, 0, null));
    assertRejected(() -> store.deny(null, now));
    assertRejected(() -> store.deny(" ", now));
    assertRejected(() -> store.deny(user, null));
    assertRejected(() -> store.poll(null, now, TOLERANCE));
    assertRejected(() -> store.poll("not-a-hash", now, TOLERANCE));
    assertRejected(() -> store.poll(device, null, TOLERANCE));
    assertRejected(() -> store.poll(device, now, null));
    assertRejected(() -> store.poll(device, now, Duration.ofSeconds(-1)));
    assertRejected(() -> store.purge(null));

    assertThat(store.findByUserCode(user, now)).contains(grant);
    // Nothing was polled: the first real poll is still not throttled.
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Pending(INTERVAL));
  }

  // ---- concurrency

  @Test
  void concurrentPollsAfterApproval_exactlyOneGetsTheGrant() {
    DeviceGrant grant = saved("a");
    assertThat(approve(grant)).isTrue();

    List<DevicePoll> results =
        Concurrently.run(20, i -> store.poll(grant.deviceCodeHash(), clock.instant(), TOLERANCE));

    assertThat(results).filteredOn(r -> r instanceof DevicePoll.Approved).hasSize(1);
    // The others came after the winner had consumed the grant.
    assertThat(results).filteredOn(r -> r instanceof DevicePoll.Invalid).hasSize(19);
    assertThat(poll(grant)).isEqualTo(new DevicePoll.Invalid());
  }

  @Test
  void concurrentApprovals_exactlyOneWins() {
    DeviceGrant grant = saved("a");

    List<Boolean> results =
        Concurrently.run(
            20,
            i ->
                store.approve(
                    grant.userCodeHash(), "user-" + i, "session-" + i, START, i, clock.instant()));

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
    int winner = results.indexOf(Boolean.TRUE);
    DevicePoll poll = poll(grant);
    assertThat(poll).isInstanceOf(DevicePoll.Approved.class);
    assertThat(((DevicePoll.Approved) poll).grant().userId()).isEqualTo("user-" + winner);
    assertThat(((DevicePoll.Approved) poll).grant().sessionId()).isEqualTo("session-" + winner);
  }
}
