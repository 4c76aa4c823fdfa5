package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link UserStore}: accounts by id and by identifier, one account per identifier
 * even when 20 registrations race, updates (compare-and-set for rehashing), paging, and rejection
 * of bad input.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createUserStore}:
 *
 * <pre>{@code
 * final class MemoryUserStoreTest extends UserStoreContract {
 *   @Override
 *   protected UserStore createUserStore(MutableClock clock) {
 *     return MemoryStores.userStore(); // a new, empty one each time
 *   }
 * }
 * }</pre>
 */
public abstract class UserStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";
  private static final String NEW_HASH = "$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3aGFzaA";

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private UserStore store;

  /** A new store with no accounts; adapters that need time read it from {@code clock}. */
  protected abstract UserStore createUserStore(MutableClock clock);

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createUserStore(clock);
  }

  private static NewUser newUser(String id, String identifier, Instant createdAt) {
    return new NewUser(
        id, identifier, identifier, "Name of " + id, HASH, Set.of("user"), createdAt, false);
  }

  private User created(String id, String identifier) {
    return store.create(newUser(id, identifier, clock.instant())).unwrap();
  }

  // ---- create and find

  @Test
  void create_returnsTheAccountAsNewUserDescribesIt() {
    NewUser n = newUser("u1", "alice@example.com", START);

    Result<User> result = store.create(n);

    assertThat(result.toOptional()).contains(n.toUser());
  }

  @Test
  void findById_returnsTheAccountWithItsHash() {
    User u = created("u1", "alice@example.com");

    assertThat(store.findById("u1")).contains(new StoredUser(u, HASH, 0));
  }

  @Test
  void findByIdentifier_returnsTheAccountWithItsHash() {
    User u = created("u1", "alice@example.com");

    assertThat(store.findByIdentifier("alice@example.com")).contains(new StoredUser(u, HASH, 0));
  }

  @Test
  void find_ofUnknownAccounts_isEmpty() {
    created("u1", "alice@example.com");

    assertThat(store.findById("u2")).isEmpty();
    assertThat(store.findByIdentifier("bob@example.com")).isEmpty();
  }

  @Test
  void create_withATakenIdentifier_failsWithIdentifierTakenAndStoresNothing() {
    User first = created("u1", "alice@example.com");

    Result<User> second = store.create(newUser("u2", "alice@example.com", START));

    assertThat(second.failure()).get().extracting(AuthError::code).isEqualTo("identifier_taken");
    assertThat(store.findById("u2")).isEmpty();
    assertThat(store.findByIdentifier("alice@example.com").orElseThrow().user()).isEqualTo(first);
    assertThat(store.list(0, 1000)).containsExactly(first);
  }

  @Test
  void create_withAnExistingId_isRejectedAndStoresNothing() {
    User first = created("u1", "alice@example.com");

    assertThatThrownBy(() -> store.create(newUser("u1", "bob@example.com", START)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.findByIdentifier("bob@example.com")).isEmpty();
    assertThat(store.list(0, 1000)).containsExactly(first);
  }

  @Test
  void create_concurrentlyWithOneIdentifier_createsExactlyOneAccount() {
    List<Result<User>> results =
        Concurrently.run(20, i -> store.create(newUser("u" + i, "alice@example.com", START)));

    List<User> created = results.stream().flatMap(r -> r.toOptional().stream()).toList();
    assertThat(created).hasSize(1);
    assertThat(results)
        .filteredOn(Result::isErr)
        .hasSize(19)
        .allSatisfy(
            r -> assertThat(r.failure().orElseThrow().code()).isEqualTo("identifier_taken"));
    assertThat(store.findByIdentifier("alice@example.com").orElseThrow().user())
        .isEqualTo(created.get(0));
    assertThat(store.list(0, 1000)).containsExactly(created.get(0));
  }

  // ---- password

  @Test
  void setPassword_replacesTheHashAndRecordsTheChange() {
    created("u1", "alice@example.com");
    Instant changedAt = START.plus(Duration.ofDays(1));

    assertThat(store.setPassword("u1", 0, NEW_HASH, changedAt)).isTrue();

    StoredUser s = store.findById("u1").orElseThrow();
    assertThat(s.passwordHash()).isEqualTo(NEW_HASH);
    assertThat(s.user().passwordChangedAt()).isEqualTo(changedAt);
    assertThat(s.user().createdAt()).isEqualTo(START);
    assertThat(s.credentialsVersion()).isEqualTo(1);
    assertThat(store.findByIdentifier("alice@example.com")).contains(s);
  }

  @Test
  void setPassword_withAVersionThatMoved_changesNothing() {
    created("u1", "alice@example.com");
    assertThat(store.setPassword("u1", 0, NEW_HASH, START.plusSeconds(1))).isTrue();

    assertThat(store.setPassword("u1", 0, HASH, START.plusSeconds(2))).isFalse();
    assertThat(store.setPassword("u1", 7, HASH, START.plusSeconds(2))).isFalse();

    StoredUser s = store.findById("u1").orElseThrow();
    assertThat(s.passwordHash()).isEqualTo(NEW_HASH);
    assertThat(s.credentialsVersion()).isEqualTo(1);
    assertThat(s.user().passwordChangedAt()).isEqualTo(START.plusSeconds(1));
  }

  @Test
  void setPassword_concurrentlyWithOneExpectedVersion_succeedsExactlyOnce() {
    created("u1", "alice@example.com");

    List<Boolean> set =
        Concurrently.run(20, i -> store.setPassword("u1", 0, NEW_HASH + "-" + i, START));

    assertThat(set).filteredOn(b -> b).hasSize(1);
    StoredUser s = store.findById("u1").orElseThrow();
    assertThat(s.credentialsVersion()).isEqualTo(1);
    assertThat(s.passwordHash()).isEqualTo(NEW_HASH + "-" + set.indexOf(true));
  }

  @Test
  void setPassword_ofAnUnknownAccount_returnsFalse() {
    assertThat(store.setPassword("u1", 0, NEW_HASH, START)).isFalse();
    assertThat(store.findById("u1")).isEmpty();
  }

  @Test
  void emailVerified_isStoredAtCreationAndSetByMarkEmailVerified() {
    User unproven = created("u1", "alice@example.com");
    User proven =
        store
            .create(
                new NewUser(
                    "u2", "bob@example.com", "bob@example.com", null, HASH, Set.of(), START, true))
            .unwrap();

    assertThat(unproven.emailVerified()).isFalse();
    assertThat(proven.emailVerified()).isTrue();
    assertThat(store.findById("u2").orElseThrow().user().emailVerified()).isTrue();

    assertThat(store.markEmailVerified("u1")).isTrue();
    StoredUser s = store.findById("u1").orElseThrow();
    assertThat(s.user()).isEqualTo(unproven.withEmailVerified(true));
    assertThat(s.passwordHash()).isEqualTo(HASH);
    assertThat(s.credentialsVersion()).isZero();
    assertThat(store.markEmailVerified("nobody")).isFalse();
  }

  @Test
  void replaceHash_whenTheHashIsStillExpected_replacesItAndKeepsTheChangeInstant() {
    created("u1", "alice@example.com");

    assertThat(store.replaceHash("u1", HASH, NEW_HASH)).isTrue();

    StoredUser s = store.findById("u1").orElseThrow();
    assertThat(s.passwordHash()).isEqualTo(NEW_HASH);
    assertThat(s.user().passwordChangedAt()).isEqualTo(START);
    assertThat(s.credentialsVersion()).as("a rehash keeps the credentials").isZero();
  }

  @Test
  void replaceHash_afterAConcurrentPasswordChange_changesNothing() {
    created("u1", "alice@example.com");
    Instant changedAt = START.plusSeconds(60);
    store.setPassword(
        "u1", 0, "$2b$12$changedchangedchangedchangedchangedchangedchanged", changedAt);

    assertThat(store.replaceHash("u1", HASH, NEW_HASH)).isFalse();

    StoredUser s = store.findById("u1").orElseThrow();
    assertThat(s.passwordHash()).startsWith("$2b$12$changed");
    assertThat(s.user().passwordChangedAt()).isEqualTo(changedAt);
  }

  @Test
  void replaceHash_ofAnUnknownAccount_returnsFalse() {
    assertThat(store.replaceHash("u1", HASH, NEW_HASH)).isFalse();
  }

  @Test
  void replaceHash_concurrently_replacesExactlyOnce() {
    created("u1", "alice@example.com");

    List<Boolean> replaced =
        Concurrently.run(20, i -> store.replaceHash("u1", HASH, NEW_HASH + "-" + i));

    assertThat(replaced).filteredOn(Boolean::booleanValue).hasSize(1);
    int winner = replaced.indexOf(true);
    assertThat(store.findById("u1").orElseThrow().passwordHash())
        .isEqualTo(NEW_HASH + "-" + winner);
  }

  // ---- enabled and roles

  @Test
  void setEnabled_disablesAndEnablesAnAccount() {
    created("u1", "alice@example.com");

    assertThat(store.setEnabled("u1", false)).isTrue();
    assertThat(store.findById("u1").orElseThrow().user().enabled()).isFalse();
    assertThat(store.findByIdentifier("alice@example.com").orElseThrow().user().enabled())
        .isFalse();

    assertThat(store.setEnabled("u1", true)).isTrue();
    assertThat(store.findById("u1").orElseThrow().user().enabled()).isTrue();
  }

  @Test
  void setEnabled_keepsTheHash() {
    created("u1", "alice@example.com");

    store.setEnabled("u1", false);

    assertThat(store.findById("u1").orElseThrow().passwordHash()).isEqualTo(HASH);
  }

  @Test
  void setEnabled_ofAnUnknownAccount_returnsFalse() {
    assertThat(store.setEnabled("u1", false)).isFalse();
  }

  @Test
  void setRoles_replacesTheRoles() {
    created("u1", "alice@example.com");

    assertThat(store.setRoles("u1", Set.of("admin", "auditor"))).isTrue();
    assertThat(store.findById("u1").orElseThrow().user().roles())
        .containsExactlyInAnyOrder("admin", "auditor");

    assertThat(store.setRoles("u1", Set.of())).isTrue();
    assertThat(store.findById("u1").orElseThrow().user().roles()).isEmpty();
  }

  @Test
  void setRoles_ofAnUnknownAccount_returnsFalse() {
    assertThat(store.setRoles("u1", Set.of("admin"))).isFalse();
  }

  // ---- list

  @Test
  void list_ordersByCreationThenId() {
    store.create(newUser("u-b", "b@example.com", START));
    store.create(newUser("u-a", "a@example.com", START));
    store.create(newUser("u-c", "c@example.com", START.minusSeconds(60)));
    store.create(newUser("u-0", "z@example.com", START.plusSeconds(60)));

    assertThat(store.list(0, 10)).extracting(User::id).containsExactly("u-c", "u-a", "u-b", "u-0");
  }

  @Test
  void list_pages() {
    for (int i = 0; i < 5; i++) {
      store.create(newUser("u" + i, "user" + i + "@example.com", START.plusSeconds(i)));
    }

    assertThat(store.list(0, 2)).extracting(User::id).containsExactly("u0", "u1");
    assertThat(store.list(2, 2)).extracting(User::id).containsExactly("u2", "u3");
    assertThat(store.list(4, 2)).extracting(User::id).containsExactly("u4");
    assertThat(store.list(5, 2)).isEmpty();
    assertThat(store.list(100, 1000)).isEmpty();
  }

  @Test
  void list_showsTheCurrentStateOfEachAccount() {
    created("u1", "alice@example.com");
    store.setEnabled("u1", false);
    store.setRoles("u1", Set.of("admin"));

    User listed = store.list(0, 1).get(0);

    assertThat(listed.enabled()).isFalse();
    assertThat(listed.roles()).containsExactly("admin");
  }

  @Test
  void list_rejectsPagingOutOfRange() {
    assertThatThrownBy(() -> store.list(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(0, 1001)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.list(0, 1000)).isEmpty();
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    User u = created("u1", "alice@example.com");

    assertRejected(() -> store.create(null));
    assertRejected(() -> store.create(newUser(" ", "bob@example.com", START)));
    assertRejected(() -> store.create(newUser("u2", "", START)));
    assertRejected(
        () ->
            store.create(
                new NewUser("u2", "bob@example.com", null, null, " ", Set.of(), START, false)));
    assertRejected(() -> store.findById(null));
    assertRejected(() -> store.findById(" "));
    assertRejected(() -> store.findByIdentifier(null));
    assertRejected(() -> store.findByIdentifier(""));
    assertRejected(() -> store.setPassword(null, 0, NEW_HASH, START));
    assertRejected(() -> store.setPassword(" ", 0, NEW_HASH, START));
    assertRejected(() -> store.setPassword("u1", 0, null, START));
    assertRejected(() -> store.setPassword("u1", 0, " ", START));
    assertRejected(() -> store.setPassword("u1", 0, NEW_HASH, null));
    assertRejected(() -> store.replaceHash(null, HASH, NEW_HASH));
    assertRejected(() -> store.replaceHash("u1", null, NEW_HASH));
    assertRejected(() -> store.replaceHash("u1", HASH, null));
    assertRejected(() -> store.replaceHash("u1", HASH, ""));
    assertRejected(() -> store.setEnabled(null, false));
    assertRejected(() -> store.setEnabled("", false));
    assertRejected(() -> store.setRoles(null, Set.of("admin")));
    assertRejected(() -> store.setRoles("u1", null));
    assertRejected(() -> store.markEmailVerified(null));
    assertRejected(() -> store.markEmailVerified(" "));

    assertThat(store.findById("u1")).contains(new StoredUser(u, HASH, 0));
    assertThat(store.findByIdentifier("bob@example.com")).isEmpty();
    assertThat(store.list(0, 1000)).containsExactly(u);
  }
}
