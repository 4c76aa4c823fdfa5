package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful password check: who logged in, when and from where. A {@code TokenService} turns it
 * into a session and a token pair.
 *
 * @param user the authenticated account
 * @param credentialsVersion the account's {@link StoredUser#credentialsVersion()} when its password
 *     was checked; a {@code TokenService} refuses to start a session once the version has moved (a
 *     password change or reset landed between the check and the session)
 * @param authenticatedAt when the check succeeded
 * @param clientAddress the client's address, or null
 * @param userAgent the client's user agent, or null
 */
public record Authentication(
    User user,
    long credentialsVersion,
    Instant authenticatedAt,
    String clientAddress,
    String userAgent) {

  public Authentication {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(authenticatedAt, "authenticatedAt");
  }

  /** A successful check of {@code account}'s password, bound to its current credentials version. */
  public static Authentication of(
      StoredUser account, Instant authenticatedAt, String clientAddress, String userAgent) {
    return new Authentication(
        account.user(), account.credentialsVersion(), authenticatedAt, clientAddress, userAgent);
  }
}
