package dev.portcullis.auth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A started device authorization (RFC 8628 §3.2), for the step API {@link
 * OAuthClient#pollOnce(DeviceAuthorization)}. The device code is a credential: {@link #toString()}
 * never shows it.
 *
 * @param deviceCode the device code sent when polling
 * @param prompt what to show the user
 * @param interval the wait between polls (5 s when the server sent none)
 * @param expiresAt when the device code expires, by the client's clock
 * @param scopes the requested scopes
 */
public record DeviceAuthorization(
    String deviceCode,
    DevicePrompt prompt,
    Duration interval,
    Instant expiresAt,
    Set<String> scopes) {

  public DeviceAuthorization {
    Objects.requireNonNull(deviceCode, "deviceCode");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(expiresAt, "expiresAt");
    scopes = Set.copyOf(scopes);
  }

  /** The same authorization polled at a new interval (after {@code slow_down}). */
  public DeviceAuthorization withInterval(Duration newInterval) {
    return new DeviceAuthorization(deviceCode, prompt, newInterval, expiresAt, scopes);
  }

  @Override
  public String toString() {
    return "DeviceAuthorization[userCode="
        + prompt.userCode()
        + ", interval="
        + interval
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
