package dev.portcullis.auth.oauth.device;

import com.google.inject.Inject;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A device's poll at the token endpoint (RFC 8628 section 3.4, 3.5), one atomic step in the {@link
 * DeviceGrantStore} ({@link DeviceGrant#poll}): {@code expired_token}, {@code slow_down} (the
 * grant's interval grows by 5 s, once for early polls in a row; never on the first poll, never for
 * a poll at the interval minus {@link DeviceSettings#pollTolerance()}), {@code
 * authorization_pending}, {@code access_denied}, or on the first poll after approval the user's
 * {@link Approval} (the grant is then consumed). An unknown, consumed or another client's device
 * code is {@code invalid_grant}. The token endpoint turns an approval into a session and tokens.
 * Thread-safe.
 */
public final class DevicePolling {

  /** What a user approved: who, and the scope. */
  public record Approval(Authentication authentication, Set<String> scope, List<String> amr) {
    public Approval {
      Objects.requireNonNull(authentication, "authentication");
      scope = Set.copyOf(scope);
      amr = List.copyOf(amr);
    }
  }

  private final DeviceGrantStore grants;
  private final UserStore users;
  private final DeviceSettings settings;
  private final Clock clock;

  @Inject
  public DevicePolling(
      DeviceGrantStore grants, UserStore users, DeviceSettings settings, Clock clock) {
    this.grants = Objects.requireNonNull(grants, "grants");
    this.users = Objects.requireNonNull(users, "users");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Polls the grant of {@code deviceCode} for the authenticated client {@code clientId}.
   *
   * @throws dev.portcullis.auth.api.error.ServiceUnavailableException if a store cannot answer
   */
  public Result<Approval> poll(String clientId, String deviceCode) {
    Objects.requireNonNull(clientId, "clientId");
    if (deviceCode == null || deviceCode.isEmpty()) {
      return Result.err(new AuthError.InvalidRequest("device_code", "is missing"));
    }
    DevicePoll poll =
        grants.poll(
            DeviceCodes.hash(deviceCode, clientId), clock.instant(), settings.pollTolerance());
    if (poll instanceof DevicePoll.Approved approved) {
      return approval(approved.grant());
    }
    if (poll instanceof DevicePoll.Pending pending) {
      return Result.err(new AuthError.AuthenticationPending(pending.interval()));
    }
    if (poll instanceof DevicePoll.SlowDown slow) {
      return Result.err(
          new AuthError.Plain(
              ErrorKind.SLOW_DOWN,
              "Polled before the interval; wait "
                  + slow.newInterval().toSeconds()
                  + " seconds between polls from now on."));
    }
    if (poll instanceof DevicePoll.Denied) {
      return Result.err(AuthError.of(ErrorKind.ACCESS_DENIED));
    }
    if (poll instanceof DevicePoll.Expired) {
      return Result.err(AuthError.of(ErrorKind.EXPIRED_TOKEN));
    }
    return Result.err(
        new AuthError.Plain(
            ErrorKind.INVALID_GRANT,
            "The device code is unknown, already used, or was issued to another client."));
  }

  private Result<Approval> approval(DeviceGrant grant) {
    Optional<StoredUser> user = users.findById(grant.userId());
    if (user.isEmpty()) {
      return Result.err(AuthError.of(ErrorKind.INVALID_GRANT));
    }
    // The credentials version of the approval, not the current one: a password change since then
    // makes OAuthTokens.forUser refuse to start the session.
    Authentication authentication =
        new Authentication(
            user.get().user(),
            grant.credentialsVersion(),
            grant.authTime(),
            null,
            null,
            grant.amr());
    // How the user authenticated at the approval, as the store kept it.
    return Result.ok(new Approval(authentication, grant.scope(), grant.amr()));
  }
}
