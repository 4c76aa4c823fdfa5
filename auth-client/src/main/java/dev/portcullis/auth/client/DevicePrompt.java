package dev.portcullis.auth.client;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * What to show the user during a device login: go to {@code verificationUri} and enter {@code
 * userCode}, or open {@code verificationUriComplete} (which carries the code) when present.
 *
 * @param userCode the code the user types
 * @param verificationUri where the user goes
 * @param verificationUriComplete the same with the code filled in, or {@code null}
 * @param expiresAt when the code expires
 */
public record DevicePrompt(
    String userCode, URI verificationUri, URI verificationUriComplete, Instant expiresAt) {

  public DevicePrompt {
    Objects.requireNonNull(userCode, "userCode");
    Objects.requireNonNull(verificationUri, "verificationUri");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A one-line instruction for a terminal. */
  public String instruction() {
    return verificationUriComplete != null
        ? "Open " + verificationUriComplete + " and confirm the code " + userCode
        : "Open " + verificationUri + " and enter the code " + userCode;
  }
}
