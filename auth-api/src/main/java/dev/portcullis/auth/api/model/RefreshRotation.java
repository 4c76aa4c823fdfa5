package dev.portcullis.auth.api.model;

/** What happened when a refresh token was presented to {@code SessionStore.rotateRefreshToken}. */
public enum RefreshRotation {
  /** The presented token was the current one; it is now used and the next one is current. */
  ROTATED,
  /**
   * The presented token was an older one of this family: the family is now revoked, and so is every
   * token of the session.
   */
  REUSED,
  /**
   * The presented token was the one rotated away most recently, within the retry grace the caller
   * asked for, and the session is active: nothing changed. The caller answers with the session's
   * current refresh token (the same id), as if repeating the response the client lost.
   */
  RETRIED,
  /** The session was already ended (logout, revoked, reuse detected earlier). */
  REVOKED,
  /** The session has expired. */
  EXPIRED,
  /** No such session. */
  NOT_FOUND
}
