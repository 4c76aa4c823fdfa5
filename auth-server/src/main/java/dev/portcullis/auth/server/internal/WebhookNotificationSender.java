package dev.portcullis.auth.server.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.Notification;
import dev.portcullis.auth.api.model.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications by POSTing one JSON document each to a webhook (the operator's mailer):
 * {@code {"type":"password_reset","recipient":{...},"link":"...","expires_at":"..."}} or {@code
 * {"type":"password_changed","recipient":{...},"at":"..."}}, with the configured secret in {@code
 * X-Portcullis-Webhook-Secret}.
 *
 * <p>Delivery happens on a background thread: the caller is answered at once, so the time a "forgot
 * password" request takes does not tell whether the address has an account (a delivery happens only
 * for real accounts). A failed delivery is logged without the link. {@link #close()} delivers what
 * is queued, for up to the timeout. Thread-safe.
 */
public final class WebhookNotificationSender implements NotificationSender, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookNotificationSender.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final String secret;
  private final HttpClient client;
  private final ObjectMapper json = new ObjectMapper();
  private final java.util.concurrent.ThreadPoolExecutor executor;

  public WebhookNotificationSender(URI url, String secret) {
    this.url = Objects.requireNonNull(url, "url");
    this.secret = secret;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.executor =
        new java.util.concurrent.ThreadPoolExecutor(
            1,
            1,
            0,
            java.util.concurrent.TimeUnit.SECONDS,
            new java.util.concurrent.ArrayBlockingQueue<>(1000),
            r -> {
              Thread t = new Thread(r, "portcullis-notify-webhook");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public Result<Void> send(Notification notification) {
    Map<String, Object> doc = new LinkedHashMap<>();
    if (notification instanceof Notification.PasswordReset reset) {
      doc.put("type", "password_reset");
      doc.put("recipient", recipient(reset.recipient()));
      doc.put("link", reset.link());
      doc.put("expires_at", reset.expiresAt().toString());
    } else if (notification instanceof Notification.PasswordChanged changed) {
      doc.put("type", "password_changed");
      doc.put("recipient", recipient(changed.recipient()));
      doc.put("at", changed.at().toString());
    }
    String body;
    try {
      body = json.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      return failed("the notification could not be encoded");
    }
    try {
      executor.execute(() -> deliver(body));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return failed("has more than 1000 deliveries waiting, or the server is stopping");
    }
    return Result.ok();
  }

  private void deliver(String body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(url)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (secret != null) {
        request.header("X-Portcullis-Webhook-Secret", secret);
      }
      HttpResponse<Void> response =
          client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2) {
        failed("answered HTTP " + response.statusCode());
      }
    } catch (IOException e) {
      failed("cannot be reached (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failed("delivery was interrupted");
    }
  }

  /** Stops taking notifications and delivers those queued, waiting at most {@code timeout}. */
  public void close(Duration timeout) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(
          timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        log.warn(
            "notification webhook: {} deliveries dropped at shutdown",
            executor.shutdownNow().size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }

  @Override
  public void close() {
    close(TIMEOUT);
  }

  private Result<Void> failed(String why) {
    String detail =
        why + "; check auth.server.notify.webhook-url (" + url.getHost() + ") and the receiver";
    log.warn("notification webhook {}", detail);
    // A delivery that failed after the caller was answered can only be logged.
    return Result.err(new AuthError.ServiceUnavailable("notification webhook", detail));
  }

  private static Map<String, Object> recipient(User user) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", user.id());
    r.put("email", user.email());
    r.put("name", user.name());
    return r;
  }
}
