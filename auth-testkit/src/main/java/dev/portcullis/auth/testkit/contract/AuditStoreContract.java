package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.AuditRecord;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuditStore}: records come back newest first, per user or for everyone,
 * within validated limits; purge deletes by age; 50 racing writers lose nothing.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createAuditStore}:
 *
 * <pre>{@code
 * final class MemoryAuditStoreTest extends AuditStoreContract {
 *   @Override
 *   protected AuditStore createAuditStore(MutableClock clock) {
 *     return MemoryStores.auditStore(); // a new, empty one each time
 *   }
 * }
 * }</pre>
 */
public abstract class AuditStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private AuditStore store;

  /** A new store with no records; adapters that need time read it from {@code clock}. */
  protected abstract AuditStore createAuditStore(MutableClock clock);

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createAuditStore(clock);
  }

  private static AuditRecord record(String type, Duration afterStart, String userId) {
    return new AuditRecord(
        type,
        START.plus(afterStart),
        userId,
        userId == null ? null : userId + "@example.com",
        "203.0.113.7",
        null);
  }

  @Test
  void recent_returnsRecordsNewestFirst_whateverTheOrderOfAppending() {
    AuditRecord first = record("login_failed", Duration.ZERO, "user-1");
    AuditRecord third = record("login_succeeded", Duration.ofMinutes(2), "user-1");
    AuditRecord second = record("login_failed", Duration.ofMinutes(1), "user-2");
    store.append(first);
    store.append(third);
    store.append(second);

    assertThat(store.recent(10)).containsExactly(third, second, first);
  }

  @Test
  void recent_returnsAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      store.append(record("login_failed", Duration.ofSeconds(i), "user-1"));
    }

    assertThat(store.recent(2))
        .extracting(AuditRecord::at)
        .containsExactly(START.plusSeconds(4), START.plusSeconds(3));
  }

  @Test
  void recent_keepsEveryFieldOfARecord() {
    AuditRecord full =
        new AuditRecord(
            "login_failed", START, "user-1", "alice@example.com", "203.0.113.7", "bad_password");
    AuditRecord sparse =
        new AuditRecord("login_failed", START.plusSeconds(1), null, null, null, null);
    store.append(full);
    store.append(sparse);

    assertThat(store.recent(10)).containsExactly(sparse, full);
  }

  @Test
  void recordsWithTheSameInstant_areAllKept() {
    AuditRecord a = record("login_failed", Duration.ZERO, "user-1");
    AuditRecord b = record("login_failed", Duration.ZERO, "user-2");
    store.append(a);
    store.append(b);

    assertThat(store.recent(10)).containsExactlyInAnyOrder(a, b);
  }

  @Test
  void findByUser_returnsOnlyThatUsersRecordsNewestFirst() {
    AuditRecord a1 = record("login_failed", Duration.ZERO, "user-1");
    AuditRecord b1 = record("login_failed", Duration.ofMinutes(1), "user-2");
    AuditRecord a2 = record("login_succeeded", Duration.ofMinutes(2), "user-1");
    AuditRecord anonymous = record("login_failed", Duration.ofMinutes(3), null);
    store.append(a2);
    store.append(b1);
    store.append(a1);
    store.append(anonymous);

    assertThat(store.findByUser("user-1", 10)).containsExactly(a2, a1);
    assertThat(store.findByUser("user-2", 10)).containsExactly(b1);
    assertThat(store.recent(10)).containsExactly(anonymous, a2, b1, a1);
  }

  @Test
  void findByUser_returnsAtMostTheLimit() {
    for (int i = 0; i < 5; i++) {
      store.append(record("login_failed", Duration.ofSeconds(i), "user-1"));
    }

    assertThat(store.findByUser("user-1", 3))
        .extracting(AuditRecord::at)
        .containsExactly(START.plusSeconds(4), START.plusSeconds(3), START.plusSeconds(2));
  }

  @Test
  void findByUser_ofAUserWithoutRecords_isEmpty() {
    store.append(record("login_failed", Duration.ZERO, "user-1"));

    assertThat(store.findByUser("user-2", 10)).isEmpty();
  }

  @Test
  void limits_from1To1000_areAccepted() {
    store.append(record("login_failed", Duration.ZERO, "user-1"));

    assertThat(store.recent(1)).hasSize(1);
    assertThat(store.recent(1000)).hasSize(1);
    assertThat(store.findByUser("user-1", 1)).hasSize(1);
    assertThat(store.findByUser("user-1", 1000)).hasSize(1);
  }

  @Test
  void limits_outside1To1000_areRejected() {
    assertThatThrownBy(() -> store.recent(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.recent(1001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.recent(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.findByUser("user-1", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.findByUser("user-1", 1001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void purge_deletesRecordsOlderThanTheCutoff() {
    AuditRecord old = record("login_failed", Duration.ZERO, "user-1");
    AuditRecord atCutoff = record("login_failed", Duration.ofMinutes(1), "user-1");
    AuditRecord recent = record("login_failed", Duration.ofMinutes(2), "user-2");
    store.append(recent);
    store.append(old);
    store.append(atCutoff);

    assertThat(store.purge(START.plus(Duration.ofMinutes(1)))).isEqualTo(1);

    assertThat(store.recent(10)).containsExactly(recent, atCutoff);
    assertThat(store.findByUser("user-1", 10)).containsExactly(atCutoff);
  }

  @Test
  void purge_withNothingOldEnough_deletesNothing() {
    store.append(record("login_failed", Duration.ofMinutes(1), "user-1"));

    assertThat(store.purge(START)).isZero();
    assertThat(store.recent(10)).hasSize(1);
  }

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    AuditRecord kept = record("login_failed", Duration.ZERO, "user-1");
    store.append(kept);

    assertRejected(() -> store.append(null));
    assertRejected(() -> store.append(new AuditRecord(" ", START, "user-1", null, null, null)));
    assertRejected(() -> store.findByUser(null, 10));
    assertRejected(() -> store.findByUser(" ", 10));
    assertRejected(() -> store.purge(null));

    assertThat(store.recent(10)).containsExactly(kept);
  }

  @Test
  void concurrentAppends_loseNothing() {
    Concurrently.run(
        50,
        i -> {
          for (int n = 0; n < 20; n++) {
            store.append(record("login_failed", Duration.ofMillis(i * 20L + n), "user-" + i));
          }
          return null;
        });

    assertThat(store.recent(1000)).hasSize(1000).doesNotHaveDuplicates();
    for (int i = 0; i < 50; i++) {
      assertThat(store.findByUser("user-" + i, 1000)).as("user-%s", i).hasSize(20);
    }
  }

  // ---- appendAll: the queued audit writer's batches

  @Test
  void appendAll_keepsEveryRecord_inTheirOrder() {
    java.util.List<AuditRecord> batch = new java.util.ArrayList<>();
    for (int i = 0; i < 25; i++) {
      batch.add(
          new AuditRecord(
              "logged_in", START.plusMillis(i), "u1", "a@example.com", "203.0.113.9", "n" + i));
    }
    store.appendAll(batch);

    java.util.List<AuditRecord> newestFirst = store.findByUser("u1", 100);
    assertThat(newestFirst).hasSize(25);
    assertThat(newestFirst.get(0).detail()).isEqualTo("n24");
    assertThat(newestFirst.get(24).detail()).isEqualTo("n0");
  }

  @Test
  void appendAll_ofNothing_writesNothing() {
    store.appendAll(java.util.List.of());

    assertThat(store.recent(10)).isEmpty();
  }

  @Test
  void appendAll_afterAppend_keepsTheOrderOfBoth() {
    store.append(record("logged_in", Duration.ZERO, "u1"));
    store.appendAll(
        java.util.List.of(
            record("login_failed", Duration.ofMillis(1), "u1"),
            record("logged_out", Duration.ofMillis(2), "u1")));

    assertThat(store.findByUser("u1", 10))
        .extracting(AuditRecord::type)
        .containsExactly("logged_out", "login_failed", "logged_in");
  }
}
