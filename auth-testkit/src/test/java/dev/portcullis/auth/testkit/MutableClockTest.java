package dev.portcullis.auth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class MutableClockTest {

  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  @Test
  void at_readsTheStartUntilMoved() {
    MutableClock clock = MutableClock.at(START);

    assertThat(clock.instant()).isEqualTo(START);
    assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advance_movesForwardAndReturnsTheNewInstant() {
    MutableClock clock = MutableClock.at(START);

    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
    assertThat(clock.instant()).isEqualTo(START.plusSeconds(300));
  }

  @Test
  void advance_byANegativeDuration_isRejected() {
    MutableClock clock = MutableClock.at(START);

    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(clock.instant()).isEqualTo(START);
  }

  @Test
  void set_movesEitherWay() {
    MutableClock clock = MutableClock.at(START);

    clock.set(START.minusSeconds(10));

    assertThat(clock.instant()).isEqualTo(START.minusSeconds(10));
  }

  @Test
  void withZone_isAViewThatFollowsTheClock() {
    MutableClock clock = MutableClock.at(START);
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(START.plusSeconds(3600));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }

  @Test
  void concurrentAdvances_areNeverLost() throws Exception {
    MutableClock clock = MutableClock.at(START);
    Concurrently.run(
        20,
        i -> {
          for (int n = 0; n < 100; n++) {
            clock.advance(Duration.ofSeconds(1));
          }
          return null;
        });

    assertThat(clock.instant()).isEqualTo(START.plusSeconds(2000));
  }
}
