package dev.portcullis.auth.core.event;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.util.Objects;

/**
 * Writes every event to the {@link AuditStore}, flattened to an {@link AuditRecord}. Registered by
 * {@code AuthModule}; a store that cannot answer makes this listener throw, which {@link
 * AuthEvents} logs without failing the operation. Thread-safe when the store is.
 */
public final class AuditTrail implements AuthEventListener {

  private final AuditStore store;

  public AuditTrail(AuditStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void onEvent(AuthEvent event) {
    store.append(
        new AuditRecord(
            event.type(),
            event.at(),
            event.userId(),
            event.identifier(),
            event.clientAddress(),
            event.detail()));
  }
}
