package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SingleUseStore}: a key is accepted once per namespace while it is
 * remembered, also when 20 threads race to use it; it can be used again after it expired; purge
 * forgets expired keys; bad input is rejected and changes nothing.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createSingleUseStore}:
 *
 * <pre>{@code
 * final class MemorySingleUseStoreTest extends SingleUseStoreContract {
 *   @Override
 *   protected SingleUseStore createSingleUseStore(MutableClock clock) {
 *     return MemoryStores.singleUseStore(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * The store must read time from {@code clock}. Override {@link #storedKeys} to also check that
 * expired keys disappear.
 */
public abstract class SingleUseStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** How long after expiry {@link #storedKeys} may still count a key (sweeps lag). */
  protected static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

  private static final Duration LIFE = Duration.ofMinutes(5);
  private static final String NS = "client-assertion-jti";

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private SingleUseStore store;

  /** A new store with no keys, reading time from {@code clock}. */
  protected abstract SingleUseStore createSingleUseStore(MutableClock clock);

  /**
   * How many keys {@code store} physically holds now, after its housekeeping, if the adapter can
   * tell; the test that checks that expired keys vanish is skipped when it cannot.
   */
  protected OptionalLong storedKeys(SingleUseStore store) {
    return OptionalLong.empty();
  }

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createSingleUseStore(clock);
  }

  private Instant inLife() {
    return clock.instant().plus(LIFE);
  }

  @Test
  void markUsed_firstTime_isTrueThenFalseWhileRemembered() {
    assertThat(store.markUsed(NS, "jti-1", inLife())).isTrue();
    assertThat(store.markUsed(NS, "jti-1", inLife())).isFalse();

    clock.advance(LIFE.minusSeconds(1));

    assertThat(store.markUsed(NS, "jti-1", inLife())).isFalse();
  }

  @Test
  void markUsed_theSameKeyInAnotherNamespaceOrAnotherKey_isIndependent() {
    assertThat(store.markUsed(NS, "jti-1", inLife())).isTrue();

    assertThat(store.markUsed("totp-step", "jti-1", inLife())).isTrue();
    assertThat(store.markUsed(NS, "jti-2", inLife())).isTrue();
  }

  @Test
  void markUsed_atOrAfterExpiry_acceptsTheKeyAgainAndRemembersItAnew() {
    assertThat(store.markUsed(NS, "jti-1", inLife())).isTrue();

    clock.advance(LIFE);

    assertThat(store.markUsed(NS, "jti-1", inLife())).isTrue();
    assertThat(store.markUsed(NS, "jti-1", inLife())).isFalse();
  }

  @Test
  void markUsed_aLaterExpiry_doesNotExtendARememberedKey() {
    assertThat(store.markUsed(NS, "jti-1", inLife())).isTrue();
    assertThat(store.markUsed(NS, "jti-1", inLife().plus(Duration.ofHours(1)))).isFalse();

    clock.advance(LIFE);

    assertThat(store.markUsed(NS, "jti-1", inLife())).isTrue();
  }

  @Test
  void purge_forgetsKeysThatExpireBeforeTheCutoffOnly() {
    store.markUsed(NS, "short", START.plus(Duration.ofMinutes(1)));
    store.markUsed(NS, "long", START.plus(Duration.ofMinutes(10)));

    assertThat(store.purge(START.plus(Duration.ofMinutes(5)))).isEqualTo(1);

    assertThat(store.markUsed(NS, "long", inLife())).isFalse();
  }

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    assertRejected(() -> store.markUsed(null, "k", inLife()));
    assertRejected(() -> store.markUsed(" ", "k", inLife()));
    assertRejected(() -> store.markUsed("n".repeat(65), "k", inLife()));
    assertRejected(() -> store.markUsed(NS, null, inLife()));
    assertRejected(() -> store.markUsed(NS, "", inLife()));
    assertRejected(() -> store.markUsed(NS, "k".repeat(256), inLife()));
    assertRejected(() -> store.markUsed(NS, "k", null));
    assertRejected(() -> store.markUsed(NS, "k", clock.instant()));
    assertRejected(() -> store.markUsed(NS, "k", clock.instant().minusSeconds(1)));
    assertRejected(() -> store.purge(null));

    assertThat(store.markUsed(NS, "k", inLife())).isTrue();
  }

  @Test
  void longestKeys_areAccepted() {
    assertThat(store.markUsed("n".repeat(64), "k".repeat(255), inLife())).isTrue();
    assertThat(store.markUsed("n".repeat(64), "k".repeat(255), inLife())).isFalse();
  }

  @Test
  void expiredKeys_vanish() {
    assumeTrue(storedKeys(store).isPresent(), "the adapter does not expose its entry count");
    store.markUsed(NS, "jti-1", inLife());
    assertThat(storedKeys(store)).hasValue(1);

    clock.advance(LIFE.plus(SWEEP_GRACE));

    assertThat(storedKeys(store)).hasValue(0);
  }

  @Test
  void concurrentMarks_exactlyOneWins() {
    Instant until = inLife();

    List<Boolean> results = Concurrently.run(20, i -> store.markUsed(NS, "jti-race", until));

    assertThat(results).containsOnlyOnce(true).hasSize(20);
  }

  @Test
  void concurrentMarksOfAnExpiredKey_exactlyOneWins() {
    store.markUsed(NS, "jti-race", inLife());
    clock.advance(LIFE);
    Instant until = inLife();

    List<Boolean> results = Concurrently.run(20, i -> store.markUsed(NS, "jti-race", until));

    assertThat(results).containsOnlyOnce(true).hasSize(20);
  }
}
