package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.SessionOfUser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Sessions and their refresh-token families. See the package rules. */
public interface SessionStore {

  /**
   * Stores a new session.
   *
   * @throws IllegalArgumentException if a session with this id exists
   */
  void create(Session session);

  /** The session with this id, active or not, until it is purged. */
  Optional<Session> find(String sessionId);

  /**
   * The session with this id, active or not, with its user as {@code users} holds it now: what a
   * refresh reads before it rotates (the session's state and the user's enabled flag and
   * credentials version). The default reads {@link #find} and then {@link UserStore#findById}; a
   * store that holds both tables answers in one read.
   *
   * @return empty if there is no such session; a value whose user is null if the user is gone
   */
  default Optional<SessionOfUser> findWithUser(String sessionId, UserStore users) {
    return find(sessionId).map(s -> new SessionOfUser(s, users.findById(s.userId()).orElse(null)));
  }

  /**
   * Uses a refresh token, atomically, with no retry grace: {@link #rotateRefreshToken(String,
   * String, String, Instant, Instant, Duration)} with {@link Duration#ZERO}, so it never answers
   * {@link RefreshRotation#RETRIED}.
   */
  default RefreshRotation rotateRefreshToken(
      String sessionId,
      String presentedTokenId,
      String nextTokenId,
      Instant now,
      Instant nextExpiresAt) {
    return rotateRefreshToken(
        sessionId, presentedTokenId, nextTokenId, now, nextExpiresAt, Duration.ZERO);
  }

  /**
   * Uses a refresh token, atomically. A session is active at {@code now} if it was not ended and
   * {@code now} is before both its {@code expiresAt} and its {@code absoluteExpiresAt}.
   *
   * <ul>
   *   <li>{@link RefreshRotation#ROTATED}: {@code presentedTokenId} is the session's current
   *       refresh token and the session is active. The current token becomes {@code nextTokenId},
   *       the presented one {@code previousRefreshTokenId}, {@code lastActiveAt} and {@code
   *       rotatedAt} become {@code now}, and {@code expiresAt} becomes {@code nextExpiresAt},
   *       clamped to {@code absoluteExpiresAt} when that is earlier. Of many concurrent calls with
   *       the same presented token exactly one rotates.
   *   <li>{@link RefreshRotation#RETRIED}: {@code retryGrace} is positive, {@code presentedTokenId}
   *       is the session's {@code previousRefreshTokenId}, {@code now} is before {@code rotatedAt +
   *       retryGrace}, and the session is active. Nothing changes; the caller re-issues the current
   *       refresh token. A token rotated away two or more rotations ago is never retried.
   *   <li>{@link RefreshRotation#REUSED}: any other token of an active session. The session is
   *       revoked at {@code now}.
   *   <li>{@link RefreshRotation#REVOKED}, {@link RefreshRotation#EXPIRED} (also at or after {@code
   *       absoluteExpiresAt}), {@link RefreshRotation#NOT_FOUND}: nothing changes.
   * </ul>
   *
   * @param retryGrace how long the token rotated away last still answers {@code RETRIED}; zero or
   *     negative for none
   * @throws IllegalArgumentException if an id is blank or {@code nextExpiresAt} is not after {@code
   *     now}
   * @throws NullPointerException if an argument is null
   */
  RefreshRotation rotateRefreshToken(
      String sessionId,
      String presentedTokenId,
      String nextTokenId,
      Instant now,
      Instant nextExpiresAt,
      Duration retryGrace);

  /**
   * Moves an active session over to new credentials: after a password change the session that made
   * the change keeps working under the account's new credentials version, while every other session
   * ends.
   *
   * @return false if there is no such session or it was ended
   */
  boolean setCredentialsVersion(String sessionId, long credentialsVersion);

  /**
   * The user's sessions that are active at {@code now} (not ended, before {@code expiresAt} and
   * {@code absoluteExpiresAt}), newest first.
   */
  List<Session> listActive(String userId, Instant now);

  /**
   * Ends a session.
   *
   * @return false if there is no such session or it was already ended
   */
  boolean revoke(String sessionId, Instant at);

  /**
   * Ends every active session of a user, except {@code keepSessionId} when not null.
   *
   * @return how many sessions were ended
   */
  int revokeAllForUser(String userId, Instant at, String keepSessionId);

  /**
   * Deletes sessions that expired or were ended before {@code cutoff}.
   *
   * @return how many were deleted
   */
  int purge(Instant cutoff);
}
