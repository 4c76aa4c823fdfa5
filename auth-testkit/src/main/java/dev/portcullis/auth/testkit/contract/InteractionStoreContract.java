package dev.portcullis.auth.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.model.Interaction;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link InteractionStore}: an interaction is found while it lives and not after;
 * an update is a compare-and-set on the version (of 20 racing updates from one version exactly one
 * wins), keeps kind, CSRF token and instants, and fails once expired or deleted; purge forgets
 * expired interactions.
 *
 * <p>To certify an adapter, extend this class and return a new, empty store from {@link
 * #createInteractionStore}; the store must read time from {@code clock} where it needs one.
 */
public abstract class InteractionStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private static final Duration LIFE = Duration.ofMinutes(10);
  private static final String HASH = "a".repeat(64);

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private InteractionStore store;

  /** A new store with no interactions, reading time from {@code clock}. */
  protected abstract InteractionStore createInteractionStore(MutableClock clock);

  /** How many interactions {@code store} holds now after its housekeeping, if it can tell. */
  protected OptionalLong storedInteractions(InteractionStore store) {
    return OptionalLong.empty();
  }

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createInteractionStore(clock);
  }

  private Interaction fresh(String hash) {
    return new Interaction(
        hash,
        "authorize",
        "csrf-token-1",
        Map.of("client_id", "app", "redirect_uri", "https://app.example/cb?x=1&y=%20"),
        0,
        clock.instant(),
        clock.instant().plus(LIFE));
  }

  @Test
  void find_afterCreate_returnsItUntilItExpires() {
    Interaction created = fresh(HASH);
    store.create(created);

    assertThat(store.find(HASH, clock.instant())).contains(created);
    clock.advance(LIFE.minusSeconds(1));
    assertThat(store.find(HASH, clock.instant())).contains(created);
    clock.advance(Duration.ofSeconds(1));
    assertThat(store.find(HASH, clock.instant())).isEmpty();
  }

  @Test
  void find_unknown_isEmpty() {
    assertThat(store.find("b".repeat(64), clock.instant())).isEmpty();
  }

  @Test
  void create_twice_isRefused() {
    store.create(fresh(HASH));
    assertThatThrownBy(() -> store.create(fresh(HASH)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void update_fromTheStoredVersion_storesStateAndVersion() {
    Interaction created = fresh(HASH);
    store.create(created);

    Interaction next = created.next(Map.of("user_id", "u-1"));
    assertThat(store.update(next, clock.instant())).isTrue();

    Interaction found = store.find(HASH, clock.instant()).orElseThrow();
    assertThat(found.version()).isEqualTo(1);
    assertThat(found.get("user_id")).isEqualTo("u-1");
    assertThat(found.get("redirect_uri")).isEqualTo("https://app.example/cb?x=1&y=%20");
    assertThat(found.csrfToken()).isEqualTo("csrf-token-1");
    assertThat(found.expiresAt()).isEqualTo(created.expiresAt());
  }

  @Test
  void update_fromAStaleVersion_changesNothing() {
    Interaction created = fresh(HASH);
    store.create(created);
    assertThat(store.update(created.next(Map.of("step", "consent")), clock.instant())).isTrue();

    assertThat(store.update(created.next(Map.of("step", "other")), clock.instant())).isFalse();
    assertThat(store.find(HASH, clock.instant()).orElseThrow().get("step")).isEqualTo("consent");
  }

  @Test
  void update_afterExpiryOrDelete_isFalse() {
    Interaction created = fresh(HASH);
    store.create(created);
    clock.advance(LIFE);
    assertThat(store.update(created.next(Map.of("step", "x")), clock.instant())).isFalse();

    Interaction other = fresh("c".repeat(64));
    store.create(other);
    assertThat(store.delete(other.idHash())).isTrue();
    assertThat(store.delete(other.idHash())).isFalse();
    assertThat(store.update(other.next(Map.of("step", "x")), clock.instant())).isFalse();
    assertThat(store.find(other.idHash(), clock.instant())).isEmpty();
  }

  @Test
  void update_racingFromOneVersion_exactlyOneWins() {
    Interaction created = fresh(HASH);
    store.create(created);

    List<Boolean> outcomes =
        Concurrently.run(
            20, i -> store.update(created.next(Map.of("winner", "" + i)), clock.instant()));

    assertThat(outcomes).filteredOn(won -> won).hasSize(1);
    assertThat(store.find(HASH, clock.instant()).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void purge_forgetsExpiredOnly() {
    store.create(fresh(HASH));
    clock.advance(LIFE.dividedBy(2));
    store.create(fresh("d".repeat(64)));
    clock.advance(LIFE.dividedBy(2).plusSeconds(1));

    assertThat(store.purge(clock.instant())).isBetween(0, 1); // a cache may have dropped it
    assertThat(store.find("d".repeat(64), clock.instant())).isPresent();
    OptionalLong stored = storedInteractions(store);
    assumeTrue(stored.isPresent(), "the adapter cannot count its interactions");
    assertThat(stored.getAsLong()).isEqualTo(1);
  }
}
