package dev.portcullis.auth.oauth.internal;

import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.oauth.device.DeviceSettings;
import java.time.Duration;

/**
 * Reads and validates {@code auth.oauth.device.*} into {@link DeviceSettings}, recording every
 * problem with its key (the reader derives the {@code AUTH_OAUTH_DEVICE_...} variable) and the fix.
 * On a problem the value of {@link DeviceSettings#defaults()} stands in, so the other keys are
 * still checked; the start fails anyway.
 */
final class DeviceSettingsReader {

  static final String P = OAuthSettingsReader.P + "device.";

  /** The bounds of the code lifetime: long enough to type a code, short enough to guess none. */
  static final Duration MIN_LIFETIME = Duration.ofMinutes(1);

  static final Duration MAX_LIFETIME = Duration.ofHours(1);

  /** The largest polling interval: a user who approved waits at most this long for the device. */
  static final Duration MAX_INTERVAL = Duration.ofSeconds(60);

  static final Duration MIN_INTERACTION = Duration.ofMinutes(1);
  static final Duration MAX_INTERACTION = Duration.ofHours(1);

  private DeviceSettingsReader() {}

  static DeviceSettings read(SettingsReader reader) {
    DeviceSettings d = DeviceSettings.defaults();
    Duration lifetime =
        bounded(
            reader,
            "code-lifetime",
            d.lifetime(),
            MIN_LIFETIME,
            MAX_LIFETIME,
            "use 10m (the default): RFC 8628 section 6.1 keeps user codes short-lived");
    Duration interval = reader.positiveDuration(P + "interval");
    if (reader.valid(P + "interval")
        && (interval.toMillis() % 1000 != 0 || interval.compareTo(MAX_INTERVAL) > 0)) {
      reader.problem(
          P + "interval",
          "is "
              + interval.toMillis()
              + " ms; the interval is sent to devices in whole seconds (RFC 8628 section 3.2),"
              + " from 1s to 60s.",
          "use 5s (the default)");
      interval = d.interval();
    } else if (!reader.valid(P + "interval")) {
      interval = d.interval();
    }
    Duration tolerance = reader.nonNegativeDuration(P + "poll-tolerance");
    if (!reader.valid(P + "poll-tolerance")) {
      tolerance = d.pollTolerance();
    } else if (tolerance.compareTo(interval) >= 0) {
      reader.problem(
          P + "poll-tolerance",
          "is "
              + tolerance.toMillis()
              + " ms, not below auth.oauth.device.interval ("
              + interval.toSeconds()
              + " s): every poll would pass and slow_down could never be answered.",
          "use 1s (the default), well below the interval");
      tolerance = Duration.ZERO;
    }
    RateLimitRule codeEntry = rule(reader, "code-entry-rate", d.codeEntry());
    RateLimitRule start = rule(reader, "start-rate", d.interactionStart());
    Duration interaction =
        bounded(
            reader,
            "interaction-lifetime",
            d.interactionLifetime(),
            MIN_INTERACTION,
            MAX_INTERACTION,
            "use 15m (the default): time to enter a code, sign in and confirm");
    return new DeviceSettings(lifetime, interval, tolerance, codeEntry, start, interaction);
  }

  private static Duration bounded(
      SettingsReader reader,
      String name,
      Duration fallback,
      Duration min,
      Duration max,
      String fix) {
    String key = P + name;
    Duration value = reader.positiveDuration(key);
    if (!reader.valid(key)) {
      return fallback;
    }
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      reader.problem(
          key,
          "is "
              + value.toSeconds()
              + " s; from "
              + min.toSeconds()
              + " s to "
              + max.toSeconds()
              + " s is accepted.",
          fix);
      return fallback;
    }
    return value;
  }

  private static RateLimitRule rule(SettingsReader reader, String name, RateLimitRule fallback) {
    return reader.parsed(
        P + name, fallback, RateLimitRule::parse, "write it as N/unit, for example \"10/minute\"");
  }
}
