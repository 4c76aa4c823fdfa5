package dev.portcullis.auth.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeviceGrantTest {

  private static final String DEVICE = "a".repeat(64);
  private static final String USER = "b".repeat(64);
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

  private static DeviceGrant pending(String device, String user, Duration interval) {
    return DeviceGrant.pending(
        device, user, "tv", Set.of("openid"), NOW, NOW.plusSeconds(600), interval);
  }

  @Test
  void pending_isPendingUnpolledAndWithoutApprovalFields() {
    DeviceGrant grant = pending(DEVICE, USER, Duration.ofSeconds(5));

    assertThat(grant.status()).isEqualTo(DeviceGrant.Status.PENDING);
    assertThat(grant.lastPolledAt()).isNull();
    assertThat(grant.userId()).isNull();
    assertThat(grant.credentialsVersion()).isNull();
  }

  @Test
  void hashes_mustBeLowerCaseSha256Hex() {
    for (String bad : new String[] {"A".repeat(64), "a".repeat(63), "g".repeat(64), "", " "}) {
      assertThatThrownBy(() -> pending(bad, USER, Duration.ofSeconds(5)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> pending(DEVICE, bad, Duration.ofSeconds(5)))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> pending(null, USER, Duration.ofSeconds(5)))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void interval_mustBeAtLeastOneSecond() {
    assertThatThrownBy(() -> pending(DEVICE, USER, Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(pending(DEVICE, USER, Duration.ofSeconds(1)).interval())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void expiry_mustFollowCreation() {
    assertThatThrownBy(
            () ->
                DeviceGrant.pending(DEVICE, USER, "tv", Set.of(), NOW, NOW, Duration.ofSeconds(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scope_isCopiedAndMustBeRfc6749Tokens() {
    Set<String> scope = new HashSet<>(Set.of("openid"));
    DeviceGrant grant =
        DeviceGrant.pending(
            DEVICE, USER, "tv", scope, NOW, NOW.plusSeconds(600), Duration.ofSeconds(5));
    scope.add("admin");

    assertThat(grant.scope()).containsExactly("openid");
    for (String bad : new String[] {"a b", "a\"b", "a\\b", "é", ""}) {
      assertThatThrownBy(
              () ->
                  DeviceGrant.pending(
                      DEVICE,
                      USER,
                      "tv",
                      Set.of(bad),
                      NOW,
                      NOW.plusSeconds(600),
                      Duration.ofSeconds(5)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void approvalFields_areRequiredOnceApprovedAndRefusedBefore() {
    DeviceGrant grant = pending(DEVICE, USER, Duration.ofSeconds(5));
    DeviceGrant approved = grant.approved("u1", "s1", NOW, 2);

    assertThat(approved.status()).isEqualTo(DeviceGrant.Status.APPROVED);
    assertThat(approved.withStatus(DeviceGrant.Status.CONSUMED).userId()).isEqualTo("u1");
    assertThatThrownBy(() -> grant.withStatus(DeviceGrant.Status.APPROVED))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> approved.withStatus(DeviceGrant.Status.DENIED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grant.approved(" ", "s1", NOW, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> grant.approved("u1", "s1", NOW, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toString_hidesBothHashes() {
    String text = pending(DEVICE, USER, Duration.ofSeconds(5)).toString();

    assertThat(text).doesNotContain(DEVICE).doesNotContain(USER).contains("tv");
  }

  @Test
  void poll_firstNeverThrottled_atTheIntervalMinusTolerancePending_earlierSlowsDownForGood() {
    Duration tolerance = Duration.ofMillis(500);
    DeviceGrant g = pending(DEVICE, USER, Duration.ofSeconds(5));

    DeviceGrant.Polled first = g.poll(NOW, tolerance);
    assertThat(first.outcome()).isEqualTo(new DevicePoll.Pending(Duration.ofSeconds(5)));

    DeviceGrant.Polled onTime = first.next().poll(NOW.plusMillis(4500), tolerance);
    assertThat(onTime.outcome()).isInstanceOf(DevicePoll.Pending.class);

    DeviceGrant.Polled early = onTime.next().poll(NOW.plusMillis(8000), tolerance);
    assertThat(early.outcome()).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(10)));
    assertThat(early.next().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(early.next().lastPolledAt()).isEqualTo(NOW.plusMillis(8000));

    assertThatThrownBy(() -> g.poll(NOW, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void poll_earlyTwiceInARow_growsTheIntervalOnce_andOnTimeClearsTheMark() {
    DeviceGrant g = pending(DEVICE, USER, Duration.ofSeconds(5)).poll(NOW, Duration.ZERO).next();

    DeviceGrant.Polled early = g.poll(NOW.plusSeconds(1), Duration.ZERO);
    assertThat(early.outcome()).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(10)));
    assertThat(early.next().slowedDown()).isTrue();
    DeviceGrant.Polled again = early.next().poll(NOW.plusSeconds(2), Duration.ZERO);
    assertThat(again.outcome()).isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(10)));

    DeviceGrant.Polled onTime = again.next().poll(NOW.plusSeconds(12), Duration.ZERO);
    assertThat(onTime.outcome()).isEqualTo(new DevicePoll.Pending(Duration.ofSeconds(10)));
    assertThat(onTime.next().slowedDown()).isFalse();
    assertThat(onTime.next().poll(NOW.plusSeconds(13), Duration.ZERO).outcome())
        .isEqualTo(new DevicePoll.SlowDown(Duration.ofSeconds(15)));
  }

  @Test
  void poll_atExpiry_isExpired_andADeniedGrantIsDenied() {
    DeviceGrant g = pending(DEVICE, USER, Duration.ofSeconds(5));

    assertThat(g.poll(g.expiresAt(), Duration.ZERO).outcome())
        .isInstanceOf(DevicePoll.Expired.class);
    assertThat(g.withStatus(DeviceGrant.Status.DENIED).poll(NOW, Duration.ZERO).outcome())
        .isInstanceOf(DevicePoll.Denied.class);
  }
}
