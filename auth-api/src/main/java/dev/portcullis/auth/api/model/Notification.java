package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/** A message Portcullis asks a {@code NotificationSender} to deliver to a user. */
public sealed interface Notification {

  /** The account the message is for. */
  User recipient();

  /**
   * A password-reset link. The link contains the one-time token: {@link #toString()} never prints
   * it.
   *
   * @param recipient the account
   * @param link the link to send, containing the token
   * @param expiresAt when the link stops working
   */
  record PasswordReset(User recipient, String link, Instant expiresAt) implements Notification {
    public PasswordReset {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "PasswordReset[recipient="
          + recipient.id()
          + ", link=<redacted>, expiresAt="
          + expiresAt
          + "]";
    }
  }

  /**
   * A notice that the password was changed or reset, so the owner notices an account takeover.
   *
   * @param recipient the account
   * @param at when it happened
   */
  record PasswordChanged(User recipient, Instant at) implements Notification {
    public PasswordChanged {
      Objects.requireNonNull(recipient, "recipient");
      Objects.requireNonNull(at, "at");
    }
  }
}
