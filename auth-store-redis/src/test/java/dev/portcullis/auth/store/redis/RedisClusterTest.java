package dev.portcullis.auth.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.store.redis.testsupport.RedisCluster;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stores on a Redis Cluster of three masters: every script touches one slot (a script over keys
 * of several slots would fail with CROSSSLOT), keys of many entities spread over every node, and
 * the one-winner rules hold.
 */
final class RedisClusterTest {
  private static final LockoutPolicy POLICY =
      new LockoutPolicy(
          3,
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ZERO,
          Duration.ofMinutes(10),
          Duration.ofHours(1));

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private RedisStores stores;

  @BeforeEach
  void open() {
    stores = RedisStores.open(RedisCluster.shared().settings(), clock, POLICY);
  }

  @AfterEach
  void close() {
    stores.close();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void lockout_onManyKeysAcrossTheSlots_isExactAndListed() throws Exception {
    for (int k = 0; k < 20; k++) {
      String key = "user" + k + "@example.com";
      List<AttemptReservation> r = Concurrently.run(30, i -> stores.loginAttempts().reserve(key));
      List<AttemptReservation.Granted> granted =
          r.stream()
              .filter(AttemptReservation.Granted.class::isInstance)
              .map(AttemptReservation.Granted.class::cast)
              .toList();
      assertThat(granted).hasSize(POLICY.maxAttempts());
      granted.forEach(g -> stores.loginAttempts().recordFailure(g));
    }

    assertThat(stores.loginAttempts().activeLockouts()).hasSize(20);
  }

  @Test
  void everyOtherPort_worksAcrossTheSlots() throws Exception {
    Instant now = clock.instant();
    Instant later = now.plus(Duration.ofMinutes(10));
    RateLimitRule rule = RateLimitRule.parse("3/minute");
    for (int k = 0; k < 20; k++) {
      assertThat(Concurrently.run(10, i -> stores.rateLimiter().tryAcquire("ip" + 0, rule)))
          .isNotEmpty();
      stores.blacklist().revokeSession("session-" + k, now, later);
      assertThat(stores.blacklist().check("iss", "jti", "u", "session-" + k, now))
          .contains(new Revocation(Revocation.Scope.SESSION, now));
      String step = "step-" + k;
      assertThat(
              Concurrently.run(10, i -> stores.singleUse().markUsed("totp", step, later)).stream()
                  .filter(Boolean::booleanValue))
          .hasSize(1);
    }
    DeviceGrant grant =
        DeviceGrant.pending(
            sha256("device"),
            sha256("user"),
            "tv",
            Set.of("openid"),
            now,
            later,
            Duration.ofSeconds(5));
    stores.deviceGrants().save(grant);
    assertThat(stores.deviceGrants().approve(grant.userCodeHash(), "u", "s", now, 1, now)).isTrue();
    assertThat(
            Concurrently.run(
                    10, i -> stores.deviceGrants().poll(grant.deviceCodeHash(), now, Duration.ZERO))
                .stream()
                .filter(DevicePoll.Approved.class::isInstance))
        .hasSize(1);
    assertThat(stores.deviceGrants().purge(later.plusSeconds(1))).isEqualTo(1);
    assertThat(stores.authorizationCodes().consume(sha256("unknown"), now))
        .isEqualTo(new CodeRedemption.Invalid());
    assertThat(stores.singleUse().purge(later.plusSeconds(1))).isEqualTo(20);
  }
}
