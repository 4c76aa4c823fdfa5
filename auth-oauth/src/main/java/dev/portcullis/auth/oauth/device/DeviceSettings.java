package dev.portcullis.auth.oauth.device;

import dev.portcullis.auth.api.model.RateLimitRule;
import java.time.Duration;
import java.util.Objects;

/**
 * How the device authorization grant behaves: {@code auth.oauth.device.*}, read once at start with
 * the rest of {@code auth.oauth} into {@link dev.portcullis.auth.oauth.OAuthSettings#device()} and
 * bound by {@link DeviceModule}. See {@code reference.conf} for each key, its bounds and its
 * environment variable.
 *
 * @param lifetime how long a device code and its user code work ({@code expires_in})
 * @param interval the minimum time between two polls a device is told ({@code interval})
 * @param pollTolerance how much earlier than the interval a poll may come before it is {@code
 *     slow_down}: network latency shortens the gap the server sees
 * @param codeEntry how many user codes one client address (IPv6: network) may enter on the
 *     verification page
 * @param interactionStart how many verification-page interactions one client address (IPv6:
 *     network) may start
 * @param interactionLifetime how long the verification page's interaction lives
 */
public record DeviceSettings(
    Duration lifetime,
    Duration interval,
    Duration pollTolerance,
    RateLimitRule codeEntry,
    RateLimitRule interactionStart,
    Duration interactionLifetime) {

  public DeviceSettings {
    positive(lifetime, "lifetime");
    Objects.requireNonNull(interval, "interval");
    if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("interval must be whole seconds, at least one");
    }
    Objects.requireNonNull(pollTolerance, "pollTolerance");
    if (pollTolerance.isNegative() || pollTolerance.compareTo(interval) >= 0) {
      throw new IllegalArgumentException("pollTolerance must be at least 0 and below interval");
    }
    Objects.requireNonNull(codeEntry, "codeEntry");
    Objects.requireNonNull(interactionStart, "interactionStart");
    positive(interactionLifetime, "interactionLifetime");
  }

  /**
   * The values of {@code reference.conf}: 10 minutes to finish, polls every 5 s with 1 s of
   * tolerance, 10 code entries and 30 started pages a minute per address, 15 minutes on the
   * verification page. For settings built in code (tests); a server reads its settings.
   */
  public static DeviceSettings defaults() {
    return new DeviceSettings(
        Duration.ofMinutes(10),
        Duration.ofSeconds(5),
        Duration.ofSeconds(1),
        RateLimitRule.parse("10/minute"),
        RateLimitRule.parse("30/minute"),
        Duration.ofMinutes(15));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
