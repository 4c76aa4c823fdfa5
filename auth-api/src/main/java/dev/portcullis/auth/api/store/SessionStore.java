package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.RefreshRotation;
import dev.portcullis.auth.api.model.Session;
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
   * Uses a refresh token, atomically: if {@code presentedTokenId} is the session's current refresh
   * token and the session is active at {@code now}, the current token becomes {@code nextTokenId},
   * {@code lastActiveAt} becomes {@code now} and {@code expiresAt} becomes {@code nextExpiresAt}
   * ({@link RefreshRotation#ROTATED}). Of many concurrent calls with the same presented token
   * exactly one rotates. Presenting any other token of an active session revokes the session at
   * {@code now} ({@link RefreshRotation#REUSED}).
   */
  RefreshRotation rotateRefreshToken(
      String sessionId,
      String presentedTokenId,
      String nextTokenId,
      Instant now,
      Instant nextExpiresAt);

  /**
   * Moves an active session over to new credentials: after a password change the session that made
   * the change keeps working under the account's new credentials version, while every other session
   * ends.
   *
   * @return false if there is no such session or it was ended
   */
  boolean setCredentialsVersion(String sessionId, long credentialsVersion);

  /** The user's sessions that are active at {@code now}, newest first. */
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
