package dev.portcullis.auth.server.internal;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.jwt.JwtSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user's view of their sessions: list the active ones, end one by id. Ending a session revokes it
 * in the store and in the blacklist, so its access token stops working at once, exactly as a logout
 * of that session would. (TokenService has no "end session by id", so this lives here.)
 * Thread-safe.
 */
@Singleton
public final class SessionControl {

  private final SessionStore sessions;
  private final TokenBlacklist blacklist;
  private final JwtSettings jwt;
  private final Clock clock;
  private final AuthEvents events;

  @Inject
  public SessionControl(
      SessionStore sessions,
      TokenBlacklist blacklist,
      JwtSettings jwt,
      Clock clock,
      AuthEvents events) {
    this.sessions = sessions;
    this.blacklist = blacklist;
    this.jwt = jwt;
    this.clock = clock;
    this.events = events;
  }

  /** The longest session id a store holds. */
  public static final int MAX_ID_LENGTH = 255;

  /** The user's active sessions, newest first. */
  public Result<List<Session>> active(String userId) {
    return Result.catching(() -> Result.ok(sessions.listActive(userId, clock.instant())));
  }

  /**
   * Ends one of the user's active sessions. Errors: {@code not_found} when there is no such active
   * session of this user (another user's session is not found either, nor an id no session can
   * have: over {@value #MAX_ID_LENGTH} characters or not printable ASCII), {@code
   * service_unavailable}.
   */
  public Result<Void> end(String userId, String sessionId) {
    Instant now = clock.instant();
    return Result.catching(
        () -> {
          // The stores refuse such ids as programming errors; from a URL they are just not found.
          Optional<Session> found =
              possibleId(sessionId) ? sessions.find(sessionId) : Optional.empty();
          if (found.isEmpty()
              || !found.get().userId().equals(userId)
              || !found.get().isActive(now)) {
            return Result.err(new AuthError.NotFound("session"));
          }
          Session s = found.get();
          Instant floor = now.plus(jwt.refreshTokenTtl());
          Instant keep = (s.expiresAt().isAfter(floor) ? s.expiresAt() : floor).plus(jwt.leeway());
          sessions.revoke(s.id(), now);
          blacklist.revokeSession(s.id(), now, keep);
          events.publish(new AuthEvent.LoggedOut(now, userId, s.id(), false));
          return Result.ok();
        });
  }

  private static boolean possibleId(String id) {
    return id != null
        && !id.isEmpty()
        && id.length() <= MAX_ID_LENGTH
        && id.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
