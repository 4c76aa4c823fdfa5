package dev.portcullis.auth.core.event;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes every event to the {@link AuditStore}, flattened to an {@link AuditRecord}: synchronously
 * (inside the operation that raised the event; a store that cannot answer makes this listener
 * throw, which {@link AuthEvents} logs without failing the operation), or queued ({@link
 * QueuedAuditWriter}: off the request path, in batches, dropping nothing). Registered by {@code
 * AuthModule} as {@code auth.audit.mode} says; {@link #close()} writes what is queued and is called
 * before the store closes. Thread-safe when the store is.
 */
public final class AuditTrail implements AuthEventListener, AutoCloseable {

  private final AuditStore store;
  private final QueuedAuditWriter queue;
  private final AtomicLong failed = new AtomicLong();

  /** A trail that writes each record synchronously. */
  public AuditTrail(AuditStore store) {
    this.store = Objects.requireNonNull(store, "store");
    this.queue = null;
  }

  private AuditTrail(AuditStore store, QueuedAuditWriter queue) {
    this.store = store;
    this.queue = queue;
  }

  /** A trail that queues records for a writer thread it starts; {@link #close()} stops it. */
  public static AuditTrail queued(AuditStore store, AuditSettings settings) {
    return queued(store, settings, Duration.ofMillis(100));
  }

  /** As {@link #queued(AuditStore, AuditSettings)}, pausing {@code retryBackoff} between tries. */
  public static AuditTrail queued(AuditStore store, AuditSettings settings, Duration retryBackoff) {
    Objects.requireNonNull(store, "store");
    return new AuditTrail(store, new QueuedAuditWriter(store, settings, retryBackoff));
  }

  /** The trail {@code settings} ask for ({@code AUTO} is synchronous here). */
  public static AuditTrail of(AuditStore store, AuditSettings settings) {
    return settings.queued() ? queued(store, settings) : new AuditTrail(store);
  }

  @Override
  public void onEvent(AuthEvent event) {
    AuditRecord record =
        new AuditRecord(
            event.type(),
            event.at(),
            event.userId(),
            event.identifier(),
            event.clientAddress(),
            event.detail());
    if (queue != null) {
      queue.write(record);
      return;
    }
    try {
      store.append(record);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      throw e;
    }
  }

  /** Whether records go through a queue (else each is written inside the operation). */
  public boolean queued() {
    return queue != null;
  }

  /**
   * Waits until every record published before this call is written, at most {@code timeout}: for
   * tests and tools that read the trail right after an operation. Returns at once when synchronous.
   *
   * @return whether everything was written in time
   */
  public boolean flush(Duration timeout) {
    return queue == null || queue.flush(timeout);
  }

  /** Records the store refused: lost after retries (queued), or thrown to the operation. */
  public long failedRecords() {
    return failed.get() + (queue == null ? 0 : queue.failedRecords());
  }

  /** Records written inside the operation because the queue stayed full. */
  public long overflowWrites() {
    return queue == null ? 0 : queue.overflowWrites();
  }

  /** Records waiting in the queue now. */
  public int queuedRecords() {
    return queue == null ? 0 : queue.queued();
  }

  /** Writes what is queued and stops the writer; later records are written synchronously. */
  @Override
  public void close() {
    if (queue != null) {
      queue.close();
    }
  }
}
