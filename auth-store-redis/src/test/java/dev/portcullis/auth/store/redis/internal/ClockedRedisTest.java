package dev.portcullis.auth.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The test double that lets Redis's keys age with a test clock is itself right. */
final class ClockedRedisTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final ClockedRedis redis = TestRedis.fresh(clock);

  @Test
  void aKey_livesUntilItsTtlRunsOutOnTheClock_thenVanishes() {
    redis.redis().eval("test", Script.load("claim"), redis.redis().key("k", "a"), "v", "60000");

    clock.advance(Duration.ofSeconds(59));
    assertThat(redis.storedKeys()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(redis.storedKeys())
        .as("Redis trails the clock by %s", ClockedRedis.LAG)
        .isEqualTo(1);
    clock.advance(ClockedRedis.LAG);
    assertThat(redis.storedKeys()).isZero();
  }

  @Test
  void aClockSetBack_changesNothing() {
    redis.redis().eval("test", Script.load("claim"), redis.redis().key("k", "a"), "v", "60000");

    clock.set(START.minusSeconds(30));
    assertThat(redis.storedKeys()).isEqualTo(1);
    clock.set(START.plusSeconds(59));
    assertThat(redis.storedKeys()).isEqualTo(1);
    clock.set(START.plusSeconds(60).plus(ClockedRedis.LAG));
    assertThat(redis.storedKeys()).isZero();
  }
}
