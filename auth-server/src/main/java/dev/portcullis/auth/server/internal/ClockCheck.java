package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Doctor: a system clock before 2024 cannot be right (the skew to the database: {@link
 * DatabaseCheck}).
 */
final class ClockCheck implements Doctor.Check {
  private static final Instant EARLIEST_SANE = Instant.parse("2024-01-01T00:00:00Z");

  private final Clock clock;

  ClockCheck(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<Finding> run() {
    Instant now = clock.instant();
    if (!now.isBefore(EARLIEST_SANE)) {
      return List.of();
    }
    return List.of(
        new Finding(
            Level.FAIL,
            "clock",
            "the system clock reads "
                + now.atOffset(ZoneOffset.UTC)
                + ", which cannot be right;"
                + " every token would be refused or live too long.",
            "set the time and keep it synchronised with NTP (timedatectl set-ntp true)"));
  }
}
