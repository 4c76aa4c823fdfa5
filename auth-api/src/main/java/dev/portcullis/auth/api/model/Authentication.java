package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful password check: who logged in, when and from where. A {@code TokenService} turns it
 * into a session and a token pair.
 *
 * @param user the authenticated account
 * @param authenticatedAt when the check succeeded
 * @param clientAddress the client's address, or null
 * @param userAgent the client's user agent, or null
 */
public record Authentication(
    User user, Instant authenticatedAt, String clientAddress, String userAgent) {

  public Authentication {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(authenticatedAt, "authenticatedAt");
  }
}
