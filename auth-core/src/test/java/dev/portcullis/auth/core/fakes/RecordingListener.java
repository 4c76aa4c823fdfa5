package dev.portcullis.auth.core.fakes;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.event.AuthEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event. */
public final class RecordingListener implements AuthEventListener {
  public final List<AuthEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onEvent(AuthEvent event) {
    events.add(event);
  }

  public List<String> types() {
    return events.stream().map(AuthEvent::type).toList();
  }

  public <T extends AuthEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
