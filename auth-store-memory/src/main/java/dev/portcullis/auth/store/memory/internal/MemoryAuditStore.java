package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The audit trail in memory, ordered by each record's instant. At {@code maxRecords} the oldest
 * records are dropped: an in-memory trail is a recent window, not an archive (use a database-backed
 * store to keep one). Thread-safe; writes are serialised (a short critical section per record),
 * reads are lock-free.
 */
public final class MemoryAuditStore implements AuditStore {

  /** A record's position: its instant, then the order of appending (instants may tie). */
  private record Position(Instant at, long seq) {}

  private static final Comparator<Position> CHRONOLOGICAL =
      Comparator.comparing(Position::at).thenComparingLong(Position::seq);

  private final ConcurrentSkipListMap<Position, AuditRecord> all =
      new ConcurrentSkipListMap<>(CHRONOLOGICAL);
  private final Map<String, ConcurrentSkipListMap<Position, AuditRecord>> byUser =
      new ConcurrentHashMap<>();
  private final AtomicLong seq = new AtomicLong();
  private final int maxRecords;
  private final Object writeLock = new Object();
  private int size;

  public MemoryAuditStore(int maxRecords) {
    if (maxRecords < 1) {
      throw new IllegalArgumentException("maxRecords must be at least 1");
    }
    this.maxRecords = maxRecords;
  }

  @Override
  public void append(AuditRecord record) {
    Objects.requireNonNull(record, "record");
    Args.key(record.type(), "type");
    if (record.userId() != null) {
      Args.key(record.userId(), "userId");
    }
    Position p = new Position(record.at(), seq.incrementAndGet());
    synchronized (writeLock) {
      all.put(p, record);
      if (record.userId() != null) {
        byUser
            .computeIfAbsent(record.userId(), u -> new ConcurrentSkipListMap<>(CHRONOLOGICAL))
            .put(p, record);
      }
      size++;
      while (size > maxRecords) {
        Map.Entry<Position, AuditRecord> oldest = all.pollFirstEntry();
        unindex(oldest.getKey(), oldest.getValue());
        size--;
      }
    }
  }

  /** All records or, when one is invalid, none; appended in order under one lock. */
  @Override
  public void appendAll(List<AuditRecord> records) {
    Objects.requireNonNull(records, "records");
    for (AuditRecord record : records) {
      Objects.requireNonNull(record, "record");
      Args.key(record.type(), "type");
      if (record.userId() != null) {
        Args.key(record.userId(), "userId");
      }
    }
    synchronized (writeLock) {
      for (AuditRecord record : records) {
        append(record);
      }
    }
  }

  @Override
  public List<AuditRecord> findByUser(String userId, int limit) {
    Args.key(userId, "userId");
    Args.limit(limit);
    NavigableMap<Position, AuditRecord> records = byUser.get(userId);
    return records == null ? List.of() : newest(records, limit);
  }

  @Override
  public List<AuditRecord> recent(int limit) {
    Args.limit(limit);
    return newest(all, limit);
  }

  private static List<AuditRecord> newest(NavigableMap<Position, AuditRecord> records, int limit) {
    List<AuditRecord> page = new ArrayList<>(Math.min(limit, 64));
    for (AuditRecord r : records.descendingMap().values()) {
      if (page.size() == limit) {
        break;
      }
      page.add(r);
    }
    return page;
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int count = 0;
    synchronized (writeLock) {
      Map.Entry<Position, AuditRecord> oldest;
      while ((oldest = all.firstEntry()) != null && oldest.getKey().at().isBefore(cutoff)) {
        all.remove(oldest.getKey());
        unindex(oldest.getKey(), oldest.getValue());
        size--;
        count++;
      }
    }
    return count;
  }

  private void unindex(Position p, AuditRecord r) {
    if (r.userId() != null) {
      byUser.computeIfPresent(
          r.userId(),
          (u, records) -> {
            records.remove(p);
            return records.isEmpty() ? null : records;
          });
    }
  }

  /** Records held now. */
  public long size() {
    synchronized (writeLock) {
      return size;
    }
  }
}
