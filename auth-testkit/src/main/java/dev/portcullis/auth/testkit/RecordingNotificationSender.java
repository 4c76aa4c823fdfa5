package dev.portcullis.auth.testkit;

import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.Notification;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link NotificationSender} that delivers nothing and remembers every notification, so a test
 * can read the password-reset link a user would have received. {@link StubAuthModule} binds it.
 *
 * <p>Thread-safe.
 */
public final class RecordingNotificationSender implements NotificationSender {

  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  @Override
  public Result<Void> send(Notification notification) {
    sent.add(Objects.requireNonNull(notification, "notification"));
    return Result.ok();
  }

  /** Every notification sent so far, oldest first. */
  public List<Notification> sent() {
    return List.copyOf(sent);
  }

  /** The notifications of one kind, oldest first. */
  public <N extends Notification> List<N> sent(Class<N> kind) {
    return sent.stream().filter(kind::isInstance).map(kind::cast).toList();
  }

  /** Forgets every notification. */
  public void clear() {
    sent.clear();
  }
}
