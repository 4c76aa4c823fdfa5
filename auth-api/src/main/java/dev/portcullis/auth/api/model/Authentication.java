package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.List;
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
 * @param amr how the user authenticated (RFC 8176), in order, unmodifiable: {@code ["pwd"]} for a
 *     password, {@code ["pwd", "otp"]} once a second factor was verified; a first-party session and
 *     its access tokens carry it
 */
public record Authentication(
    User user,
    long credentialsVersion,
    Instant authenticatedAt,
    String clientAddress,
    String userAgent,
    List<String> amr) {

  private static final List<String> PASSWORD = List.of("pwd");

  public Authentication {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(authenticatedAt, "authenticatedAt");
    amr = amr == null || amr.isEmpty() ? PASSWORD : List.copyOf(amr);
  }

  /** A password authentication ({@code amr} {@code ["pwd"]}). */
  public Authentication(
      User user,
      long credentialsVersion,
      Instant authenticatedAt,
      String clientAddress,
      String userAgent) {
    this(user, credentialsVersion, authenticatedAt, clientAddress, userAgent, PASSWORD);
  }

  /** This authentication with another list of methods, for example after a second factor. */
  public Authentication withAmr(List<String> methods) {
    return new Authentication(
        user, credentialsVersion, authenticatedAt, clientAddress, userAgent, methods);
  }

  /** A successful check of {@code account}'s password, bound to its current credentials version. */
  public static Authentication of(
      StoredUser account, Instant authenticatedAt, String clientAddress, String userAgent) {
    return new Authentication(
        account.user(), account.credentialsVersion(), authenticatedAt, clientAddress, userAgent);
  }
}
