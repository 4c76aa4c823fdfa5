package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.model.ResetToken;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ResetTokenStore}: a token works once and only until it expires, also when
 * 20 threads race to use it; it can be deleted per user and purged; bad input is rejected.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createResetTokenStore}:
 *
 * <pre>{@code
 * final class MemoryResetTokenStoreTest extends ResetTokenStoreContract {
 *   @Override
 *   protected ResetTokenStore createResetTokenStore(MutableClock clock) {
 *     return MemoryStores.resetTokenStore(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Every instant the tests pass ({@code now}, {@code cutoff}) is the clock's, so adapters that also
 * expire entries on the clock agree. Override {@link #storedTokens} to also check that expired
 * tokens disappear on their own.
 */
public abstract class ResetTokenStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /**
   * How long after an entry stopped mattering {@link #storedTokens} may still count it: physical
   * removal may lag (Caffeine's timer wheel sweeps in steps of about a second).
   */
  protected static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

  private static final Duration LIFE = Duration.ofMinutes(30);

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private ResetTokenStore store;

  /** A new store with no tokens; adapters that expire entries read time from {@code clock}. */
  protected abstract ResetTokenStore createResetTokenStore(MutableClock clock);

  /**
   * How many tokens {@code store} physically holds now, after its housekeeping, if the adapter can
   * tell; the test that checks that expired tokens vanish is skipped when it cannot.
   */
  protected OptionalLong storedTokens(ResetTokenStore store) {
    return OptionalLong.empty();
  }

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createResetTokenStore(clock);
  }

  /** The SHA-256 of {@code "token-" + name}, as lower-case hex. */
  protected static String hash(String name) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("token-" + name).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  private ResetToken token(String name, String userId, Duration life) {
    return new ResetToken(hash(name), userId, clock.instant(), clock.instant().plus(life), 3);
  }

  // ---- save and consume

  @Test
  void consume_aSavedToken_returnsItOnce() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    assertThat(store.consume(token.tokenHash(), clock.instant())).contains(token);
    assertThat(store.consume(token.tokenHash(), clock.instant())).isEmpty();
  }

  @Test
  void find_returnsTheTokenWithItsVersionAndLeavesItUsable() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    assertThat(store.find(token.tokenHash(), clock.instant())).contains(token);
    assertThat(store.find(token.tokenHash(), clock.instant()).orElseThrow().credentialsVersion())
        .isEqualTo(3);
    assertThat(store.consume(token.tokenHash(), clock.instant())).contains(token);
    assertThat(store.find(token.tokenHash(), clock.instant())).isEmpty();
  }

  @Test
  void find_atExpiryOrOfAnUnknownHash_findsNothing() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    assertThat(store.find(hash("never-saved"), clock.instant())).isEmpty();
    clock.advance(LIFE);
    assertThat(store.find(token.tokenHash(), clock.instant())).isEmpty();
  }

  @Test
  void consume_anUnknownHash_findsNothing() {
    assertThat(store.consume(hash("never-saved"), clock.instant())).isEmpty();
  }

  @Test
  void consume_justBeforeExpiry_returnsTheToken() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    clock.advance(LIFE.minusSeconds(1));

    assertThat(store.consume(token.tokenHash(), clock.instant())).contains(token);
  }

  @Test
  void consume_atExpiry_findsNothing() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    clock.advance(LIFE);

    assertThat(store.consume(token.tokenHash(), clock.instant())).isEmpty();
  }

  @Test
  void save_anExistingHash_isRejectedAndKeepsTheFirst() {
    ResetToken first = token("a", "user-1", LIFE);
    store.save(first);

    assertThatThrownBy(() -> store.save(token("a", "user-2", LIFE)))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.consume(first.tokenHash(), clock.instant())).contains(first);
  }

  // ---- deletion

  @Test
  void deleteForUser_deletesEveryTokenOfThatUserOnly() {
    store.save(token("a", "user-1", LIFE));
    store.save(token("b", "user-1", LIFE));
    ResetToken other = token("c", "user-2", LIFE);
    store.save(other);

    assertThat(store.deleteForUser("user-1")).isEqualTo(2);

    assertThat(store.consume(hash("a"), clock.instant())).isEmpty();
    assertThat(store.consume(hash("b"), clock.instant())).isEmpty();
    assertThat(store.consume(hash("c"), clock.instant())).contains(other);
  }

  @Test
  void deleteForUser_ofAUserWithoutTokens_deletesNothing() {
    store.save(token("a", "user-1", LIFE));

    assertThat(store.deleteForUser("user-2")).isZero();
    assertThat(store.consume(hash("a"), clock.instant())).isPresent();
  }

  @Test
  void purge_deletesTokensThatExpireBeforeTheCutoff() {
    store.save(token("short", "user-1", Duration.ofMinutes(10)));
    ResetToken longer = token("long", "user-1", LIFE);
    store.save(longer);

    assertThat(store.purge(START.plus(Duration.ofMinutes(20)))).isEqualTo(1);

    assertThat(store.consume(hash("short"), clock.instant())).isEmpty();
    assertThat(store.consume(hash("long"), clock.instant())).contains(longer);
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    assertRejected(() -> store.save(null));
    assertRejected(() -> store.save(new ResetToken(hash("b"), " ", START, START.plus(LIFE), 0)));
    assertRejected(() -> store.consume(null, clock.instant()));
    assertRejected(() -> store.consume(" ", clock.instant()));
    assertRejected(() -> store.consume(token.tokenHash(), null));
    assertRejected(() -> store.find(null, clock.instant()));
    assertRejected(() -> store.find(" ", clock.instant()));
    assertRejected(() -> store.find(token.tokenHash(), null));
    assertRejected(() -> store.deleteForUser(null));
    assertRejected(() -> store.deleteForUser(""));
    assertRejected(() -> store.purge(null));

    assertThat(store.consume(hash("b"), clock.instant())).isEmpty();
    assertThat(store.consume(token.tokenHash(), clock.instant())).contains(token);
  }

  // ---- entries live as long as they matter

  @Test
  void expiredTokens_vanishOnTheirOwn() {
    assumeTrue(storedTokens(store).isPresent(), "the adapter does not expose its entry count");
    store.save(token("a", "user-1", LIFE));
    assertThat(storedTokens(store)).hasValue(1);

    clock.advance(LIFE.plus(SWEEP_GRACE));

    assertThat(storedTokens(store)).hasValue(0);
  }

  // ---- concurrency

  @Test
  void concurrentConsumers_atMostOneGetsTheToken() {
    ResetToken token = token("a", "user-1", LIFE);
    store.save(token);

    List<Optional<ResetToken>> results =
        Concurrently.run(20, i -> store.consume(token.tokenHash(), clock.instant()));

    assertThat(results).filteredOn(Optional::isPresent).containsExactly(Optional.of(token));
  }
}
