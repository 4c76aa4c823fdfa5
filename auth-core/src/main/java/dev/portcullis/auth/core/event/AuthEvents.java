package dev.portcullis.auth.core.event;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.event.AuthEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to every registered {@link AuthEventListener}. A listener that throws is logged
 * and skipped: events never change the outcome of the operation that raised them. Thread-safe.
 */
@Singleton
public final class AuthEvents {
  private static final Logger log = LoggerFactory.getLogger(AuthEvents.class);

  private final List<AuthEventListener> listeners;

  @Inject
  public AuthEvents(Set<AuthEventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** Events for no listener at all. */
  public static AuthEvents none() {
    return new AuthEvents(Set.of());
  }

  /** Delivers {@code event} to each listener in turn, on the calling thread. */
  public void publish(AuthEvent event) {
    for (AuthEventListener listener : listeners) {
      try {
        listener.onEvent(event);
      } catch (RuntimeException e) {
        log.warn(
            "Auth event listener {} failed on a {} event; the operation is unaffected",
            listener.getClass().getName(),
            event.type(),
            e);
      }
    }
  }
}
