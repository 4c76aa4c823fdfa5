package dev.portcullis.auth.api;

import dev.portcullis.auth.api.model.Notification;

/**
 * Delivers messages to users (password-reset links, password-changed notices) by e-mail, SMS or
 * anything else.
 *
 * <p>Implementations must be thread-safe and must not log the content of a {@link
 * Notification.PasswordReset}'s link outside development.
 */
public interface NotificationSender {

  /**
   * Sends {@code notification}. Returns {@code service_unavailable} when delivery failed; never
   * throws for that.
   */
  Result<Void> send(Notification notification);
}
