package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * One password login attempt. {@link #toString()} never prints the password.
 *
 * @param identifier what the user typed as identifier (normalised by the authenticator)
 * @param password the password as typed; never logged, never stored
 * @param clientAddress the client's network address for rate limiting and events, or null if
 *     unknown (all unknown clients then share one rate-limit bucket)
 * @param userAgent the client's user agent, or null
 */
public record LoginRequest(
    String identifier, String password, String clientAddress, String userAgent) {

  public LoginRequest {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(password, "password");
  }

  /** A request with no client information. */
  public static LoginRequest of(String identifier, String password) {
    return new LoginRequest(identifier, password, null, null);
  }

  @Override
  public String toString() {
    return "LoginRequest[identifier="
        + identifier
        + ", password=<redacted>, clientAddress="
        + clientAddress
        + ", userAgent="
        + userAgent
        + "]";
  }
}
