package dev.portcullis.auth.server.internal;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.core.notify.LoggingNotificationSender;
import dev.portcullis.auth.server.ServerSettings;
import java.time.Duration;

/**
 * The server's notification sender: the webhook when {@code auth.server.notify.webhook-url} is set,
 * else the core's development sender (which {@code AuthModule} refuses in staging and production).
 * Created lazily, closed once.
 */
@Singleton
public final class Notifications {

  private final NotificationSender sender;
  private final WebhookNotificationSender webhook;

  @Inject
  public Notifications(ServerSettings settings, LoggingNotificationSender logging) {
    this.webhook =
        settings
            .webhook()
            .map(url -> new WebhookNotificationSender(url, settings.notifyWebhookSecret()))
            .orElse(null);
    this.sender = webhook != null ? webhook : logging;
  }

  /** The sender to bind. */
  public NotificationSender sender() {
    return sender;
  }

  /** Delivers what is queued, waiting at most {@code timeout}. */
  public void close(Duration timeout) {
    if (webhook != null) {
      webhook.close(timeout);
    }
  }
}
