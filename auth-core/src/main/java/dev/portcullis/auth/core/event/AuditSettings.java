package dev.portcullis.auth.core.event;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How the {@link AuditTrail} writes ({@code auth.audit.*}).
 *
 * @param mode synchronous (inside the request), queued (by a writer thread, in batches), or auto
 *     (synchronous in an application's injector, queued in auth-server)
 * @param queueCapacity most records waiting to be written in queued mode
 * @param batchSize most records per write (one transaction on a database store)
 * @param maxWait how long a publisher waits for room in a full queue before it writes its record
 *     itself: events are never dropped
 */
public record AuditSettings(Mode mode, int queueCapacity, int batchSize, Duration maxWait) {

  /** How audit records are written. */
  public enum Mode {
    /** Synchronous in an application's injector; auth-server resolves it to {@link #QUEUED}. */
    AUTO,
    /** Each record inside the operation that raised the event. */
    SYNCHRONOUS,
    /** Each record into a bounded queue that one writer thread drains in batches. */
    QUEUED;

    /** The mode named {@code text} (case-insensitive). */
    public static Mode parse(String text) {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** The setting's spelling. */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AuditSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(maxWait, "maxWait");
    if (queueCapacity < 1 || batchSize < 1 || batchSize > queueCapacity) {
      throw new IllegalArgumentException("need 1 <= batchSize <= queueCapacity");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative");
    }
  }

  /** The defaults of reference.conf. */
  public static AuditSettings defaults() {
    return new AuditSettings(Mode.AUTO, 10_000, 100, Duration.ofSeconds(5));
  }

  /** These settings with {@code AUTO} read as {@code ifAuto}. */
  public AuditSettings resolve(Mode ifAuto) {
    return mode == Mode.AUTO ? new AuditSettings(ifAuto, queueCapacity, batchSize, maxWait) : this;
  }

  /** Whether records are written by the queue's writer thread. */
  public boolean queued() {
    return mode == Mode.QUEUED;
  }
}
