package dev.portcullis.auth.api;

import dev.portcullis.auth.api.event.AuthEvent;

/**
 * Receives authentication events. Register listeners with Guice's {@code Multibinder}.
 *
 * <p>Called synchronously on the thread of the operation, possibly from many threads at once:
 * implementations must be thread-safe and quick. An exception thrown by a listener is logged and
 * never changes the outcome of the operation.
 */
@FunctionalInterface
public interface AuthEventListener {

  /** Handles one event. */
  void onEvent(AuthEvent event);

  /** A listener that ignores every event. */
  static AuthEventListener none() {
    return event -> {};
  }
}
