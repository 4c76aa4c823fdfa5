package dev.portcullis.auth.api.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token-bucket limit: {@code permits} per {@code period}, refilled continuously, with bursts up
 * to {@code permits}. Written in settings as {@code "5/minute"}, {@code "100/hour"} or {@code
 * "10/30s"}.
 *
 * @param permits permits per period, at least 1
 * @param period the refill period, positive
 */
public record RateLimitRule(int permits, Duration period) {

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{0,9})\\s*([a-z]+)\\s*");

  public RateLimitRule {
    if (permits < 1) {
      throw new IllegalArgumentException("permits must be at least 1");
    }
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
  }

  /**
   * Parses {@code N/unit} or {@code N/<count><unit>}; units are {@code s|second}, {@code
   * m|min|minute}, {@code h|hour}, {@code d|day} (plural forms accepted).
   *
   * @throws IllegalArgumentException naming the accepted syntax when {@code text} does not parse
   */
  public static RateLimitRule parse(String text) {
    Objects.requireNonNull(text, "text");
    Matcher m = SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a rate limit; write it as N/unit, for example \"5/minute\"");
    }
    int permits = Integer.parseInt(m.group(1));
    long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
    Duration unit =
        switch (m.group(3)) {
          case "s", "sec", "second", "seconds" -> Duration.ofSeconds(1);
          case "m", "min", "minute", "minutes" -> Duration.ofMinutes(1);
          case "h", "hour", "hours" -> Duration.ofHours(1);
          case "d", "day", "days" -> Duration.ofDays(1);
          default ->
              throw new IllegalArgumentException(
                  "'" + text + "' has an unknown unit; use second, minute, hour or day");
        };
    if (permits < 1 || count < 1) {
      throw new IllegalArgumentException("'" + text + "' must allow at least 1 per period");
    }
    return new RateLimitRule(permits, unit.multipliedBy(count));
  }

  /** The time one permit takes to refill. */
  public Duration refillInterval() {
    return period.dividedBy(permits);
  }

  @Override
  public String toString() {
    long s = period.toSeconds();
    if (s == 86_400) {
      return permits + "/day";
    } else if (s == 3600) {
      return permits + "/hour";
    } else if (s == 60) {
      return permits + "/minute";
    } else if (s == 1) {
      return permits + "/second";
    }
    return permits + "/" + s + "s";
  }
}
