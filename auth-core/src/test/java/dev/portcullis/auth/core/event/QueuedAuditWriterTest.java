package dev.portcullis.auth.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class QueuedAuditWriterTest {
  private static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");
  private static final Duration LONG = Duration.ofSeconds(30);

  private final FakeStore store = new FakeStore();
  private QueuedAuditWriter writer;

  @AfterEach
  void close() {
    if (writer != null) {
      writer.close();
    }
  }

  private QueuedAuditWriter writer(int capacity, int batch, Duration maxWait) {
    writer =
        new QueuedAuditWriter(
            store,
            new AuditSettings(AuditSettings.Mode.QUEUED, capacity, batch, maxWait),
            Duration.ZERO);
    return writer;
  }

  private static AuditRecord record(String user, int n) {
    return new AuditRecord(
        "login.succeeded", AT, user, user + "@example.com", "203.0.113.9", user + "#" + n);
  }

  private static int seq(AuditRecord r) {
    return Integer.parseInt(r.detail().substring(r.detail().indexOf('#') + 1));
  }

  @Test
  void recordsOfAUser_reachTheStoreInTheOrderTheyWerePublished() {
    QueuedAuditWriter w = writer(64, 7, LONG);
    for (int n = 0; n < 500; n++) {
      w.write(record("u" + (n % 4), n));
    }
    assertThat(w.flush(LONG)).isTrue();

    assertThat(store.records()).hasSize(500);
    for (int u = 0; u < 4; u++) {
      String user = "u" + u;
      List<Integer> seen =
          store.records().stream()
              .filter(r -> r.userId().equals(user))
              .map(QueuedAuditWriterTest::seq)
              .collect(Collectors.toList());
      assertThat(seen).isSorted().hasSize(125);
    }
    assertThat(store.batches()).allSatisfy(b -> assertThat(b).isBetween(1, 7));
  }

  @Test
  void close_writesEverythingQueued_evenWhileTheStoreIsSlow() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    store.blockWhile(release);
    QueuedAuditWriter w = writer(1000, 10, LONG);
    for (int n = 0; n < 300; n++) {
      w.write(record("u", n));
    }
    store.awaitBlocked();
    release.countDown();
    assertThat(w.close(LONG)).isTrue();

    assertThat(store.records()).hasSize(300);
    // Records after close are not lost either: written on the caller's thread.
    w.write(record("u", 300));
    assertThat(store.records()).hasSize(301);
  }

  @Test
  void aFullQueue_makesThePublisherWait_andDropsNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    store.blockWhile(release);
    QueuedAuditWriter w = writer(2, 1, LONG);
    w.write(record("u", 0));
    store.awaitBlocked(); // the writer holds record 0 inside the store
    w.write(record("u", 1));
    w.write(record("u", 2)); // the queue is full now
    Thread publisher = new Thread(() -> w.write(record("u", 3)));
    publisher.start();
    awaitState(publisher, Thread.State.TIMED_WAITING);
    assertThat(store.records()).isEmpty();

    release.countDown();
    publisher.join(LONG.toMillis());
    assertThat(w.flush(LONG)).isTrue();
    assertThat(store.records())
        .extracting(AuditRecord::detail)
        .containsExactly("u#0", "u#1", "u#2", "u#3");
    assertThat(w.overflowWrites()).isZero();
  }

  @Test
  void aQueueThatStaysFull_pastMaxWait_hasThePublisherWriteItsRecordItself() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    store.blockWhile(release, r -> !r.detail().equals("u#2"));
    QueuedAuditWriter w = writer(1, 1, Duration.ZERO);
    w.write(record("u", 0));
    store.awaitBlocked();
    w.write(record("u", 1)); // fills the queue
    w.write(record("u", 2)); // no room and no wait: written here, at once

    assertThat(store.records()).extracting(AuditRecord::detail).containsExactly("u#2");
    assertThat(w.overflowWrites()).isEqualTo(1);
    release.countDown();
    assertThat(w.flush(LONG)).isTrue();
    assertThat(store.records()).hasSize(3);
  }

  @Test
  void aBatchTheStoreRefuses_losesOnlyTheRecordItRefusesAlone() throws Exception {
    store.refuse(r -> r.detail().equals("u#13"));
    CountDownLatch release = new CountDownLatch(1);
    store.blockWhile(release);
    QueuedAuditWriter w = writer(1000, 50, LONG);
    w.write(record("u", 0));
    store.awaitBlocked(); // the rest queue up and are written as one batch
    for (int n = 1; n < 40; n++) {
      w.write(record("u", n));
    }
    release.countDown();
    assertThat(w.flush(LONG)).isTrue();

    assertThat(store.records()).hasSize(39).noneMatch(r -> r.detail().equals("u#13"));
    assertThat(store.records()).extracting(QueuedAuditWriterTest::seq).isSorted();
    assertThat(w.failedRecords()).isEqualTo(1);
  }

  @Test
  void eventsPublishedFrom8Threads_allArriveExactlyOnce() throws Exception {
    QueuedAuditWriter w = writer(64, 16, LONG);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String user = "t" + t;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int n = 0; n < 1000; n++) {
                  w.write(record(user, n));
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : done) {
      f.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();
    assertThat(w.close(LONG)).isTrue();

    List<AuditRecord> all = store.records();
    Set<String> distinct = new HashSet<>();
    all.forEach(r -> distinct.add(r.detail()));
    assertThat(all).hasSize(8000);
    assertThat(distinct).hasSize(8000);
    for (int t = 0; t < 8; t++) {
      String user = "t" + t;
      assertThat(
              all.stream()
                  .filter(r -> r.userId().equals(user))
                  .map(QueuedAuditWriterTest::seq)
                  .collect(Collectors.toList()))
          .isSorted();
    }
  }

  private static void awaitState(Thread thread, Thread.State state) {
    long deadline = System.nanoTime() + LONG.toNanos();
    while (thread.getState() != state && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(thread.getState()).isEqualTo(state);
  }

  /** An audit store that can hold the writer inside it until released, or refuse records. */
  private static final class FakeStore implements AuditStore {
    private final List<AuditRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch blocked = new CountDownLatch(1);
    private volatile CountDownLatch release;
    private volatile Predicate<AuditRecord> blocking = r -> true;
    private volatile Predicate<AuditRecord> refused = r -> false;

    void blockWhile(CountDownLatch release) {
      blockWhile(release, r -> true);
    }

    void blockWhile(CountDownLatch release, Predicate<AuditRecord> which) {
      this.release = release;
      this.blocking = which;
    }

    void refuse(Predicate<AuditRecord> which) {
      this.refused = which;
    }

    void awaitBlocked() throws InterruptedException {
      assertThat(blocked.await(30, TimeUnit.SECONDS)).isTrue();
    }

    List<AuditRecord> records() {
      synchronized (records) {
        return List.copyOf(records);
      }
    }

    List<Integer> batches() {
      synchronized (batches) {
        return List.copyOf(batches);
      }
    }

    @Override
    public void append(AuditRecord record) {
      appendAll(List.of(record));
    }

    @Override
    public void appendAll(List<AuditRecord> batch) {
      CountDownLatch gate = release;
      if (gate != null && batch.stream().anyMatch(blocking)) {
        blocked.countDown();
        try {
          gate.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (batch.stream().anyMatch(refused)) {
        throw new IllegalStateException("refused");
      }
      batches.add(batch.size());
      records.addAll(batch);
    }

    @Override
    public List<AuditRecord> findByUser(String userId, int limit) {
      return List.of();
    }

    @Override
    public List<AuditRecord> recent(int limit) {
      return List.of();
    }

    @Override
    public int purge(Instant cutoff) {
      return 0;
    }
  }
}
