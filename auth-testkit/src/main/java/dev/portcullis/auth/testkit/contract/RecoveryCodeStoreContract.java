package dev.portcullis.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.RecoveryCode;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.testkit.Concurrently;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RecoveryCodeStore}: codes found by user and lookup id; a regeneration
 * replaces the whole set; a code is consumed once, also when 20 threads race; bad sets are refused
 * and change nothing.
 *
 * <p>To certify an adapter, extend this class and return a new, empty store in which users {@code
 * u1} and {@code u2} exist.
 */
public abstract class RecoveryCodeStoreContract {

  private RecoveryCodeStore store;

  /** A new store with no codes, in which users {@code u1} and {@code u2} exist. */
  protected abstract RecoveryCodeStore createRecoveryCodeStore();

  @BeforeEach
  void createStore() {
    store = createRecoveryCodeStore();
  }

  private static RecoveryCode code(String user, String lookup) {
    return new RecoveryCode(user, lookup, "$hash$" + user + lookup);
  }

  @Test
  void replaceAll_thenFindByLookupIdPerUser() {
    store.replaceAll("u1", List.of(code("u1", "aaaa"), code("u1", "bbbb")));
    store.replaceAll("u2", List.of(code("u2", "aaaa")));

    assertThat(store.find("u1", "aaaa")).contains(code("u1", "aaaa"));
    assertThat(store.find("u2", "aaaa")).contains(code("u2", "aaaa"));
    assertThat(store.find("u2", "bbbb")).isEmpty();
    assertThat(store.remaining("u1")).isEqualTo(2);
  }

  @Test
  void replaceAll_voidsTheOldSet() {
    store.replaceAll("u1", List.of(code("u1", "aaaa")));

    store.replaceAll("u1", List.of(code("u1", "cccc")));

    assertThat(store.find("u1", "aaaa")).isEmpty();
    assertThat(store.remaining("u1")).isEqualTo(1);
  }

  @Test
  void consume_once() {
    store.replaceAll("u1", List.of(code("u1", "aaaa"), code("u1", "bbbb")));

    assertThat(store.consume("u1", "aaaa")).isTrue();
    assertThat(store.consume("u1", "aaaa")).isFalse();
    assertThat(store.consume("u2", "bbbb")).isFalse();
    assertThat(store.remaining("u1")).isEqualTo(1);
  }

  @Test
  void consume_twentyThreadsOneCode_exactlyOneWins() {
    store.replaceAll("u1", List.of(code("u1", "aaaa")));

    List<Boolean> won = Concurrently.run(20, i -> store.consume("u1", "aaaa"));

    assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
  }

  @Test
  void replaceAll_refusesAnotherUsersCodeOrADuplicateLookupId_changingNothing() {
    store.replaceAll("u1", List.of(code("u1", "aaaa")));

    assertThatThrownBy(() -> store.replaceAll("u1", List.of(code("u2", "bbbb"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> store.replaceAll("u1", List.of(code("u1", "bbbb"), code("u1", "bbbb"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find("u1", "aaaa")).isPresent();
  }

  @Test
  void deleteAll() {
    store.replaceAll("u1", List.of(code("u1", "aaaa"), code("u1", "bbbb")));

    assertThat(store.deleteAll("u1")).isEqualTo(2);
    assertThat(store.remaining("u1")).isZero();
  }
}
