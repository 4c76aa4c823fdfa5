package dev.portcullis.auth.testkit;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.event.AuthEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AuthEventListener} that remembers every event, so a test can check what was published.
 * {@link StubAuthModule} registers one.
 *
 * <p>Thread-safe.
 */
public final class RecordingEventListener implements AuthEventListener {

  private final List<AuthEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(AuthEvent event) {
    events.add(Objects.requireNonNull(event, "event"));
  }

  /** Every event so far, oldest first. */
  public List<AuthEvent> all() {
    return List.copyOf(events);
  }

  /**
   * The events of one type, oldest first, for example {@code ofType(AuthEvent.LockedOut.class)}.
   */
  public <E extends AuthEvent> List<E> ofType(Class<E> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The {@code type()} of every event so far, oldest first, for example {@code logged_in}. */
  public List<String> types() {
    return events.stream().map(AuthEvent::type).toList();
  }

  /** Forgets every event. */
  public void clear() {
    events.clear();
  }
}
