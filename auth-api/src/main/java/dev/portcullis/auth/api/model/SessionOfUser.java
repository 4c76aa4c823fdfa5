package dev.portcullis.auth.api.model;

import java.util.Objects;

/**
 * A session together with its user as stored at the moment of the read, as {@code
 * SessionStore.findWithUser} returns it for a refresh. {@link #toString()} never prints the hash.
 *
 * @param session the session, active or not
 * @param user the session's user as stored now, or null when the user no longer exists
 */
public record SessionOfUser(Session session, StoredUser user) {

  public SessionOfUser {
    Objects.requireNonNull(session, "session");
    if (user != null && !user.user().id().equals(session.userId())) {
      throw new IllegalArgumentException("user must be the session's user");
    }
  }
}
