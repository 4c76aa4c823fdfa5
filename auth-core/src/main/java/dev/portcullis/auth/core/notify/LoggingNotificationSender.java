package dev.portcullis.auth.core.notify;

import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development default: writes notifications to the log, reset links included, so a developer
 * can follow them without a mail server. {@code AuthModule} refuses to start with it in staging and
 * production; bind a real sender there.
 */
public final class LoggingNotificationSender implements NotificationSender {
  private static final Logger log = LoggerFactory.getLogger(LoggingNotificationSender.class);

  @Override
  public Result<Void> send(Notification notification) {
    if (notification instanceof Notification.PasswordReset reset) {
      // Development only (enforced by AuthModule): the link is the whole point here.
      log.info(
          "[development] password-reset link for {}: {} (expires {})",
          reset.recipient().identifier(),
          reset.link(),
          reset.expiresAt());
    } else if (notification instanceof Notification.PasswordChanged changed) {
      log.info(
          "[development] password-changed notice for {} at {}",
          changed.recipient().identifier(),
          changed.at());
    }
    return Result.ok();
  }
}
