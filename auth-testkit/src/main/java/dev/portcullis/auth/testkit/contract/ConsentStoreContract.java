package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.model.Consent;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ConsentStore}: grants add up (also 20 concurrent grants of different
 * scopes end in their union), the grant instant is the latest, consents are per user and client,
 * revocation withdraws everything; bad input is rejected and changes nothing.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createConsentStore}:
 *
 * <pre>{@code
 * final class MemoryConsentStoreTest extends ConsentStoreContract {
 *   @Override
 *   protected ConsentStore createConsentStore(MutableClock clock) {
 *     return MemoryStores.consentStore(); // a new, empty one each time
 *   }
 * }
 * }</pre>
 */
public abstract class ConsentStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private ConsentStore store;

  /** A new store with no consents. */
  protected abstract ConsentStore createConsentStore(MutableClock clock);

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createConsentStore(clock);
  }

  @Test
  void grant_thenFind_returnsTheScopesAndInstant() {
    store.grant("u1", "shop", Set.of("openid", "orders:read"), clock.instant());

    assertThat(store.find("u1", "shop"))
        .contains(new Consent("u1", "shop", Set.of("openid", "orders:read"), START));
  }

  @Test
  void find_withoutAGrant_findsNothing() {
    store.grant("u1", "shop", Set.of("openid"), clock.instant());

    assertThat(store.find("u1", "other")).isEmpty();
    assertThat(store.find("u2", "shop")).isEmpty();
  }

  @Test
  void grant_again_addsScopes_andKeepsTheLatestInstant() {
    store.grant("u1", "shop", Set.of("openid", "a"), clock.instant());
    clock.advance(Duration.ofDays(1));
    Instant later = clock.instant();
    store.grant("u1", "shop", Set.of("a", "b"), later);
    // A grant that arrives late with an older instant moves nothing back.
    store.grant("u1", "shop", Set.of("c"), START);

    Consent consent = store.find("u1", "shop").orElseThrow();
    assertThat(consent.scopes()).containsExactly("a", "b", "c", "openid");
    assertThat(consent.grantedAt()).isEqualTo(later);
  }

  @Test
  void grant_concurrentlyOfDifferentScopes_endsInTheirUnion() {
    Set<String> all = IntStream.range(0, 20).mapToObj(i -> "s" + i).collect(Collectors.toSet());

    Concurrently.run(
        20,
        i -> {
          store.grant("u1", "shop", Set.of("s" + i, "common"), clock.instant().plusSeconds(i));
          return null;
        });

    Set<String> expected = new HashSet<>(all);
    expected.add("common");
    Consent consent = store.find("u1", "shop").orElseThrow();
    assertThat(consent.scopes()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(consent.grantedAt()).isEqualTo(START.plusSeconds(19));
  }

  @Test
  void listForUser_ordersByClient_andShowsOnlyThatUser() {
    store.grant("u1", "zeta", Set.of("a"), clock.instant());
    store.grant("u1", "alpha", Set.of("b"), clock.instant());
    store.grant("u2", "alpha", Set.of("c"), clock.instant());

    assertThat(store.listForUser("u1"))
        .extracting(Consent::clientId)
        .containsExactly("alpha", "zeta");
    assertThat(store.listForUser("u1").get(0).scopes()).containsExactly("b");
    assertThat(store.listForUser("nobody")).isEmpty();
  }

  @Test
  void revoke_withdrawsEverything_once_andOnlyForThatClient() {
    store.grant("u1", "shop", Set.of("a", "b"), clock.instant());
    store.grant("u1", "other", Set.of("a"), clock.instant());

    assertThat(store.revoke("u1", "shop")).isTrue();
    assertThat(store.revoke("u1", "shop")).isFalse();
    assertThat(store.find("u1", "shop")).isEmpty();
    assertThat(store.find("u1", "other")).isPresent();
    assertThat(store.revoke("u2", "other")).isFalse();
  }

  @Test
  void grant_afterRevoke_startsAfresh() {
    store.grant("u1", "shop", Set.of("a", "b"), clock.instant());
    store.revoke("u1", "shop");
    clock.advance(Duration.ofHours(1));
    store.grant("u1", "shop", Set.of("c"), clock.instant());

    assertThat(store.find("u1", "shop"))
        .contains(new Consent("u1", "shop", Set.of("c"), clock.instant()));
  }

  @Test
  void badInput_isRejected_andChangesNothing() {
    store.grant("u1", "shop", Set.of("a"), clock.instant());
    Instant now = clock.instant().plusSeconds(5);

    assertRejected(() -> store.grant(null, "shop", Set.of("b"), now));
    assertRejected(() -> store.grant("u1", " ", Set.of("b"), now));
    assertRejected(() -> store.grant("u1", "shop", null, now));
    assertRejected(() -> store.grant("u1", "shop", Set.of(), now));
    assertRejected(() -> store.grant("u1", "shop", Set.of("b", "has space"), now));
    assertRejected(() -> store.grant("u1", "shop", Set.of("b"), null));
    assertRejected(() -> store.find(null, "shop"));
    assertRejected(() -> store.find("u1", ""));
    assertRejected(() -> store.listForUser(" "));
    assertRejected(() -> store.revoke("u1", null));

    assertThat(store.find("u1", "shop")).contains(new Consent("u1", "shop", Set.of("a"), START));
    assertThat(store.listForUser("u1")).hasSize(1);
  }
}
