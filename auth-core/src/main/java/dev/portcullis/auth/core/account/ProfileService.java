package dev.portcullis.auth.core.account;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.api.model.Principal;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a signed-in user may read about themselves: their account and their active sessions. Ending
 * a session is {@code TokenService.revokeSession}. A store that cannot answer gives {@code
 * service_unavailable}. Thread-safe.
 */
public final class ProfileService {

  private final UserStore users;
  private final SessionStore sessions;
  private final Clock clock;

  public ProfileService(UserStore users, SessionStore sessions, Clock clock) {
    this.users = Objects.requireNonNull(users);
    this.sessions = Objects.requireNonNull(sessions);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * The account of a verified principal. Errors: {@code token_revoked} when the account no longer
   * exists or is disabled (the token outlived its account), {@code service_unavailable}.
   */
  public Result<User> account(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return Result.catching(
        () -> {
          Optional<StoredUser> found = users.findById(principal.subject());
          if (found.isEmpty() || !found.get().user().enabled()) {
            return Result.err(
                new AuthError.TokenRejected(
                    TokenFailure.REVOKED,
                    "The account of this token no longer exists or is disabled."));
          }
          return Result.ok(found.get().user());
        });
  }

  /** The principal's user's active sessions, newest first. Errors: {@code service_unavailable}. */
  public Result<List<Session>> activeSessions(Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return Result.catching(
        () -> Result.ok(sessions.listActive(principal.subject(), clock.instant())));
  }
}
