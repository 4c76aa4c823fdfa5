package dev.portcullis.auth.core.account;

import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.Session;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a password is replaced (change, reset, removal before linking an identity): a
 * compare-and-set on the credentials version, then the end of everything the old password gave.
 */
final class CredentialReplacement {
  private static final Logger log = LoggerFactory.getLogger(CredentialReplacement.class);

  private final UserStore users;
  private final SessionStore sessions;
  private final TokenBlacklist blacklist;
  private final ResetTokenStore resetTokens;
  private final NotificationSender notifications;
  private final Clock clock;

  CredentialReplacement(
      UserStore users,
      SessionStore sessions,
      TokenBlacklist blacklist,
      ResetTokenStore resetTokens,
      NotificationSender notifications,
      Clock clock) {
    this.users = users;
    this.sessions = sessions;
    this.blacklist = blacklist;
    this.resetTokens = resetTokens;
    this.notifications = notifications;
    this.clock = clock;
  }

  /**
   * Sets {@code newHash} if the account's credentials version is still the one read, then ends its
   * sessions (but {@code keepSessionId}) and reset links. The order matters: a login that creates a
   * session concurrently re-reads the version after creating it (see {@code TokenService.issue}),
   * so either it sees the new version and ends its own session, or its session exists before the
   * sessions are ended here.
   *
   * @return false if the version moved (another change or reset won)
   */
  boolean replace(StoredUser account, String newHash, String keepSessionId) {
    User user = account.user();
    Instant now = clock.instant();
    if (!users.setPassword(user.id(), account.credentialsVersion(), newHash, now)) {
      return false;
    }
    endSessions(user.id(), now, keepSessionId);
    if (keepSessionId != null) {
      // The session that made the change carries over to the new credentials; a refresh of any
      // other session of the old version ends it (TokenService.refresh compares the versions).
      sessions.setCredentialsVersion(keepSessionId, account.credentialsVersion() + 1);
    }
    // Links sent earlier are dead already (their version moved); this only frees their rows.
    resetTokens.deleteForUser(user.id());
    notifications
        .send(new Notification.PasswordChanged(user, now))
        .ifErr(e -> log.warn("could not deliver a password-changed notice: {}", e.code()));
    return true;
  }

  /** Ends sessions in the store and revokes their tokens, so access tokens die at once too. */
  private void endSessions(String userId, Instant now, String keepSessionId) {
    for (Session s : sessions.listActive(userId, now)) {
      if (!s.id().equals(keepSessionId)) {
        blacklist.revokeSession(s.id(), now, s.expiresAt());
      }
    }
    sessions.revokeAllForUser(userId, now, keepSessionId);
  }
}
