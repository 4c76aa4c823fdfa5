package dev.portcullis.auth.core.event;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit records off the request path: {@link #write} puts a record into a bounded queue, and
 * one writer thread drains it in batches of at most {@code batchSize}, each through {@link
 * AuditStore#appendAll} (one transaction on a database store), in the order they were queued.
 *
 * <p>No record is dropped: a publisher that finds the queue full waits up to {@code maxWait} for
 * room, then writes its record itself (counted in {@link #overflowWrites()}; only then can records
 * reach the store out of order). A batch the store refuses is retried, then split in halves until
 * the records it refuses are alone, so one bad record does not lose the others; a record refused
 * alone is logged (type and time, nothing the user sent) and counted in {@link #failedRecords()}.
 * {@link #close} stops taking records, writes everything queued, then stops the thread; records
 * written after it go straight to the store. Thread-safe.
 */
public final class QueuedAuditWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueuedAuditWriter.class);

  /** How many times a whole batch is tried before it is split. */
  static final int BATCH_ATTEMPTS = 3;

  /** How long the writer waits for a record before it looks whether it was closed. */
  private static final long IDLE_POLL_MILLIS = 200;

  private final AuditStore store;
  private final BlockingQueue<AuditRecord> queue;
  private final int batchSize;
  private final Duration maxWait;
  private final Duration retryBackoff;
  private final Thread writer;
  // Publishers hold the read lock while queueing; close takes the write lock, so that no record
  // is queued after the writer's last drain.
  private final ReadWriteLock closing = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private final Object progress = new Object();
  private long accepted; // guarded by progress
  private long settled; // guarded by progress
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();

  /**
   * Starts the writer thread.
   *
   * @param retryBackoff pause between two tries of a batch the store refused
   */
  public QueuedAuditWriter(AuditStore store, AuditSettings settings, Duration retryBackoff) {
    this.store = Objects.requireNonNull(store, "store");
    Objects.requireNonNull(settings, "settings");
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.batchSize = settings.batchSize();
    this.maxWait = settings.maxWait();
    this.retryBackoff = Objects.requireNonNull(retryBackoff, "retryBackoff");
    this.writer = new Thread(this::drain, "portcullis-audit-writer");
    // A daemon: close() is what writes the queue out; the thread must not keep alive a JVM whose
    // application forgot it.
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /**
   * Queues {@code record}; when the queue stays full for {@code maxWait}, or after {@link #close},
   * writes it to the store on the calling thread.
   *
   * @throws RuntimeException what the store throws, when the record was written here
   */
  public void write(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    closing.readLock().lock();
    try {
      if (!closed) {
        synchronized (progress) {
          accepted++;
        }
        boolean queued = false;
        try {
          queued =
              queue.offer(record, maxWait.toNanos(), TimeUnit.NANOSECONDS) || queue.offer(record);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        if (queued) {
          return;
        }
        overflow.incrementAndGet();
        log.warn(
            "audit queue full for {}: a {} record is written inside the request",
            maxWait,
            record.type());
        try {
          appendAlone(record);
        } finally {
          settle(1);
        }
        return;
      }
    } finally {
      closing.readLock().unlock();
    }
    appendAlone(record);
  }

  /**
   * Waits until every record queued before this call is written (or given up on), at most {@code
   * timeout}.
   *
   * @return whether they all were settled in time
   */
  public boolean flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      long target = accepted;
      while (settled < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  /** Records the store refused even alone, after retries: lost, and logged. */
  public long failedRecords() {
    return failed.get();
  }

  /** Records written on the publisher's thread because the queue stayed full. */
  public long overflowWrites() {
    return overflow.get();
  }

  /** Records waiting in the queue now. */
  public int queued() {
    return queue.size();
  }

  /** Stops taking records and writes everything queued, waiting at most 30 seconds. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Stops taking records (later ones are written on the caller's thread) and writes everything
   * queued, waiting at most {@code timeout} for the writer. Idempotent.
   *
   * @return whether the queue was written completely in time
   */
  public boolean close(Duration timeout) {
    closing.writeLock().lock();
    try {
      closed = true;
    } finally {
      closing.writeLock().unlock();
    }
    try {
      writer.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = queue.size();
    if (writer.isAlive() || left > 0) {
      log.error("audit writer did not finish within {}: {} records still queued", timeout, left);
      return false;
    }
    return true;
  }

  private void drain() {
    List<AuditRecord> batch = new ArrayList<>(batchSize);
    while (true) {
      try {
        AuditRecord first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
          if (closed && queue.isEmpty()) {
            return;
          }
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        writeBatch(batch);
      } catch (InterruptedException e) {
        // Only close() ends the writer: it must drain what is queued.
        continue;
      } catch (RuntimeException | Error e) {
        log.error("audit writer failed on a batch of {} records", batch.size(), e);
      } finally {
        if (!batch.isEmpty()) {
          settle(batch.size());
          batch.clear();
        }
      }
    }
  }

  private void writeBatch(List<AuditRecord> batch) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= BATCH_ATTEMPTS; attempt++) {
      try {
        store.appendAll(List.copyOf(batch));
        return;
      } catch (RuntimeException e) {
        last = e;
        if (attempt < BATCH_ATTEMPTS) {
          pause();
        }
      }
    }
    if (batch.size() == 1) {
      lost(batch.get(0), last);
      return;
    }
    bisect(batch);
  }

  /** Writes {@code records} by halves until the ones the store refuses are alone. */
  private void bisect(List<AuditRecord> records) {
    int half = records.size() / 2;
    for (List<AuditRecord> part :
        List.of(records.subList(0, half), records.subList(half, records.size()))) {
      try {
        store.appendAll(List.copyOf(part));
      } catch (RuntimeException e) {
        if (part.size() == 1) {
          lost(part.get(0), e);
        } else {
          bisect(part);
        }
      }
    }
  }

  private void appendAlone(AuditRecord record) {
    try {
      store.append(record);
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      throw e;
    }
  }

  private void lost(AuditRecord record, RuntimeException cause) {
    failed.incrementAndGet();
    log.error(
        "audit record lost: the store refused a {} record of {} after {} tries: {}",
        record.type(),
        record.at(),
        BATCH_ATTEMPTS,
        cause.getClass().getSimpleName());
  }

  private void pause() {
    if (retryBackoff.isZero()) {
      return;
    }
    try {
      Thread.sleep(retryBackoff.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void settle(int n) {
    synchronized (progress) {
      settled += n;
      progress.notifyAll();
    }
  }
}
