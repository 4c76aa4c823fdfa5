package dev.portcullis.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.testkit.Concurrently;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MfaChallengeStore}: a challenge is found until it expires; wrong codes are
 * counted and the challenge dies at the limit; it completes once, also when 20 threads race;
 * removal per user and purge.
 *
 * <p>To certify an adapter, extend this class and return a new, empty store in which users {@code
 * u1} and {@code u2} exist.
 */
public abstract class MfaChallengeStoreContract {
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofMinutes(5));

  private MfaChallengeStore store;

  /** A new store with no challenges, in which users {@code u1} and {@code u2} exist. */
  protected abstract MfaChallengeStore createMfaChallengeStore();

  @BeforeEach
  void createStore() {
    store = createMfaChallengeStore();
  }

  private static MfaChallenge challenge(String hash, String user) {
    return new MfaChallenge(hash, user, 3, START, "192.0.2.1", "agent", END, 0);
  }

  private static String hash(char c) {
    return String.valueOf(c).repeat(64);
  }

  @Test
  void create_thenFindUntilItExpires() {
    store.create(challenge(hash('a'), "u1"));

    MfaChallenge found = store.find(hash('a'), START).orElseThrow();
    assertThat(found).isEqualTo(challenge(hash('a'), "u1"));
    assertThat(store.find(hash('a'), END.minusMillis(1))).isPresent();
    assertThat(store.find(hash('a'), END)).isEmpty();
    assertThat(store.find(hash('b'), START)).isEmpty();
  }

  @Test
  void create_aSecondWithTheSameHashIsRefused() {
    store.create(challenge(hash('a'), "u1"));

    assertThatThrownBy(() -> store.create(challenge(hash('a'), "u2")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find(hash('a'), START).orElseThrow().userId()).isEqualTo("u1");
  }

  @Test
  void recordFailure_countsAndTheChallengeDiesAtTheLimit() {
    store.create(challenge(hash('a'), "u1"));

    for (int i = 1; i < 5; i++) {
      assertThat(store.recordFailure(hash('a'), 5, START)).isEqualTo(i);
    }
    assertThat(store.find(hash('a'), START).orElseThrow().failures()).isEqualTo(4);
    assertThat(store.recordFailure(hash('a'), 5, START)).isEqualTo(5);

    assertThat(store.find(hash('a'), START)).isEmpty();
    assertThat(store.recordFailure(hash('a'), 5, START)).isEqualTo(-1);
  }

  @Test
  void complete_once_andNotAfterExpiry() {
    store.create(challenge(hash('a'), "u1"));
    store.create(challenge(hash('b'), "u1"));

    assertThat(store.complete(hash('a'), START)).isTrue();
    assertThat(store.complete(hash('a'), START)).isFalse();
    assertThat(store.complete(hash('b'), END)).isFalse();
  }

  @Test
  void complete_twentyThreads_exactlyOneWins() {
    store.create(challenge(hash('a'), "u1"));

    List<Boolean> won = Concurrently.run(20, i -> store.complete(hash('a'), START));

    assertThat(won).filteredOn(Boolean::booleanValue).hasSize(1);
  }

  @Test
  void deleteAll_removesOneUsersChallenges() {
    store.create(challenge(hash('a'), "u1"));
    store.create(challenge(hash('b'), "u1"));
    store.create(challenge(hash('c'), "u2"));

    assertThat(store.deleteAll("u1")).isEqualTo(2);
    assertThat(store.find(hash('c'), START)).isPresent();
  }

  @Test
  void purge_forgetsExpiredChallenges() {
    store.create(challenge(hash('a'), "u1"));

    assertThat(store.purge(END.minusSeconds(1))).isZero();
    assertThat(store.purge(END.plusSeconds(1))).isEqualTo(1);
    assertThat(store.find(hash('a'), START)).isEmpty();
  }
}
