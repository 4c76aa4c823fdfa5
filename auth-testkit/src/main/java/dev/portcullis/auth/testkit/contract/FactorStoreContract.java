package dev.portcullis.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.testkit.Concurrently;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link FactorStore}: one credential per user and type, a pending one replaced by
 * a new enrolment and an active one kept; activation once; {@code useStep} only moves forward and,
 * of 20 threads racing with one step, exactly one wins; the secret is replaced only if unchanged;
 * removal.
 *
 * <p>To certify an adapter, extend this class and return a new, empty store from {@link
 * #createFactorStore} (for a JDBC store, users {@code u1} and {@code u2} must exist if the schema
 * has a foreign key; see {@link #userIds}).
 */
public abstract class FactorStoreContract {
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private FactorStore store;

  /** A new store with no credentials, in which the users of {@link #userIds} exist. */
  protected abstract FactorStore createFactorStore();

  /** The users the tests use. */
  protected static List<String> userIds() {
    return List.of("u1", "u2");
  }

  @BeforeEach
  void createStore() {
    store = createFactorStore();
  }

  private static FactorCredential pending(String id, String user) {
    return FactorCredential.pending(id, user, "totp", "v1.k." + id, START);
  }

  @Test
  void savePending_thenFind_andListPerUser() {
    assertThat(store.savePending(pending("c1", "u1"))).isTrue();

    FactorCredential c = store.find("u1", "totp").orElseThrow();
    assertThat(c.id()).isEqualTo("c1");
    assertThat(c.secret()).isEqualTo("v1.k.c1");
    assertThat(c.active()).isFalse();
    assertThat(c.lastUsedStep()).isEqualTo(-1);
    assertThat(store.list("u1")).extracting(FactorCredential::id).containsExactly("c1");
    assertThat(store.list("u2")).isEmpty();
    assertThat(store.find("u2", "totp")).isEmpty();
  }

  @Test
  void savePending_replacesAPendingOne_butNeverAnActiveOne() {
    store.savePending(pending("c1", "u1"));
    assertThat(store.savePending(pending("c2", "u1"))).isTrue();
    assertThat(store.list("u1")).extracting(FactorCredential::id).containsExactly("c2");

    assertThat(store.activate("c2", 10, START.plusSeconds(1))).isTrue();

    assertThat(store.savePending(pending("c3", "u1"))).isFalse();
    assertThat(store.find("u1", "totp").orElseThrow().id()).isEqualTo("c2");
  }

  @Test
  void activate_once_recordingTheStepAndTime() {
    store.savePending(pending("c1", "u1"));

    assertThat(store.activate("c1", 100, START.plusSeconds(5))).isTrue();
    assertThat(store.activate("c1", 101, START.plusSeconds(6))).isFalse();
    assertThat(store.activate("nope", 1, START)).isFalse();

    FactorCredential c = store.find("u1", "totp").orElseThrow();
    assertThat(c.active()).isTrue();
    assertThat(c.activatedAt()).isEqualTo(START.plusSeconds(5));
    assertThat(c.lastUsedStep()).isEqualTo(100);
  }

  @Test
  void useStep_onlyMovesForward_andOnlyForAnActiveCredential() {
    store.savePending(pending("c1", "u1"));
    assertThat(store.useStep("c1", 5)).isFalse();
    store.activate("c1", 100, START);

    assertThat(store.useStep("c1", 100)).isFalse();
    assertThat(store.useStep("c1", 99)).isFalse();
    assertThat(store.useStep("c1", 101)).isTrue();
    assertThat(store.useStep("c1", 101)).isFalse();
    assertThat(store.find("u1", "totp").orElseThrow().lastUsedStep()).isEqualTo(101);
    assertThat(store.useStep("missing", 500)).isFalse();
  }

  @Test
  void useStep_twentyThreadsWithOneStep_exactlyOneWins() {
    store.savePending(pending("c1", "u1"));
    store.activate("c1", 100, START);

    List<Boolean> won = Concurrently.run(20, i -> store.useStep("c1", 101));

    assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
  }

  @Test
  void replaceSecret_onlyIfUnchanged() {
    store.savePending(pending("c1", "u1"));

    assertThat(store.replaceSecret("c1", "v1.k.other", "v1.n.x")).isFalse();
    assertThat(store.replaceSecret("c1", "v1.k.c1", "v1.n.c1")).isTrue();
    assertThat(store.find("u1", "totp").orElseThrow().secret()).isEqualTo("v1.n.c1");
  }

  @Test
  void delete_andDeleteAll() {
    store.savePending(pending("c1", "u1"));
    store.savePending(pending("c2", "u2"));

    assertThat(store.delete("u1", "totp")).isTrue();
    assertThat(store.delete("u1", "totp")).isFalse();
    assertThat(store.deleteAll("u2")).isEqualTo(1);
    assertThat(store.list("u2")).isEmpty();
  }

  @Test
  void badInput_isRejected() {
    assertThatThrownBy(() -> store.find(" ", "totp"))
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
    assertThatThrownBy(() -> store.savePending(null))
        .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
  }
}
