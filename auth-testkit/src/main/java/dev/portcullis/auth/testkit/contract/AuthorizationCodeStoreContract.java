package dev.portcullis.auth.testkit.contract;

import static dev.portcullis.auth.testkit.contract.BadInput.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link AuthorizationCodeStore}: a code is redeemed once, with every field it was
 * bound to; later redemptions before its expiry are told apart as replays and return the code
 * again; of 20 threads redeeming one code exactly one redeems it and the others see a replay;
 * unknown and expired codes are invalid; purge forgets expired codes; bad input is rejected and
 * changes nothing.
 *
 * <p>To certify an adapter, extend this class in your tests and return a new, empty store from
 * {@link #createAuthorizationCodeStore}:
 *
 * <pre>{@code
 * final class MemoryAuthorizationCodeStoreTest extends AuthorizationCodeStoreContract {
 *   @Override
 *   protected AuthorizationCodeStore createAuthorizationCodeStore(MutableClock clock) {
 *     return MemoryStores.authorizationCodeStore(clock); // a new, empty one each time
 *   }
 * }
 * }</pre>
 *
 * Every instant the tests pass is the clock's. Override {@link #storedCodes} to also check that
 * expired codes disappear.
 */
public abstract class AuthorizationCodeStoreContract {

  /** The instant every test starts at. */
  protected static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  /** How long after expiry {@link #storedCodes} may still count a code (sweeps lag). */
  protected static final Duration SWEEP_GRACE = Duration.ofSeconds(2);

  private static final Duration LIFE = Duration.ofSeconds(60);

  /** The clock of the current test, at {@link #START} when it begins. */
  protected MutableClock clock;

  private AuthorizationCodeStore store;

  /** A new store with no codes; adapters that expire entries read time from {@code clock}. */
  protected abstract AuthorizationCodeStore createAuthorizationCodeStore(MutableClock clock);

  /**
   * How many codes, used or not, {@code store} physically holds now, after its housekeeping, if the
   * adapter can tell; the test that checks that expired codes vanish is skipped when it cannot.
   */
  protected OptionalLong storedCodes(AuthorizationCodeStore store) {
    return OptionalLong.empty();
  }

  @BeforeEach
  void createStoreAtStart() {
    clock = MutableClock.at(START);
    store = createAuthorizationCodeStore(clock);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }

  /** The SHA-256 of {@code "code-" + name}, as lower-case hex. */
  protected static String hash(String name) {
    return HexFormat.of().formatHex(sha256("code-" + name));
  }

  private AuthorizationCode code(String name, String nonce, Set<String> scope) {
    String challenge =
        Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("verifier-" + name));
    return new AuthorizationCode(
        hash(name),
        "client-1",
        "https://app.example.com/callback?x=1",
        challenge,
        scope,
        nonce,
        "user-1",
        "session-" + name,
        START.minusSeconds(30),
        7,
        clock.instant(),
        clock.instant().plus(LIFE));
  }

  private AuthorizationCode code(String name) {
    return code(name, "nonce-" + name, Set.of("openid", "profile", "notes:read"));
  }

  private AuthorizationCode sessionAtRedemption(String name) {
    return code(name).withSession(AuthorizationCode.SESSION_AT_REDEMPTION);
  }

  // ---- the session started at redemption

  @Test
  void attachSession_afterRedemption_isWhatAReplayFinds() {
    AuthorizationCode code = sessionAtRedemption("s");
    store.save(code);
    assertThat(store.consume(code.codeHash(), clock.instant()))
        .isInstanceOf(CodeRedemption.Redeemed.class);

    assertThat(store.attachSession(code.codeHash(), "session-9", clock.instant())).isTrue();

    CodeRedemption replay = store.consume(code.codeHash(), clock.instant());
    assertThat(replay).isEqualTo(new CodeRedemption.Replayed(code.withSession("session-9")));
    assertThat(store.attachSession(code.codeHash(), "session-10", clock.instant())).isFalse();
  }

  @Test
  void attachSession_afterAnEarlyReplay_fails() {
    AuthorizationCode code = sessionAtRedemption("s");
    store.save(code);
    store.consume(code.codeHash(), clock.instant());

    CodeRedemption replay = store.consume(code.codeHash(), clock.instant());
    assertThat(replay).isInstanceOf(CodeRedemption.Replayed.class);
    assertThat(((CodeRedemption.Replayed) replay).code().hasSession()).isFalse();

    assertThat(store.attachSession(code.codeHash(), "session-9", clock.instant())).isFalse();
  }

  @Test
  void attachSession_beforeRedemptionOrUnknownOrExpired_fails() {
    AuthorizationCode code = sessionAtRedemption("s");
    store.save(code);
    assertThat(store.attachSession(code.codeHash(), "session-9", clock.instant())).isFalse();
    assertThat(store.attachSession(hash("unknown"), "session-9", clock.instant())).isFalse();

    store.consume(code.codeHash(), clock.instant());
    clock.advance(LIFE);
    assertThat(store.attachSession(code.codeHash(), "session-9", clock.instant())).isFalse();
  }

  // ---- redemption

  @Test
  void consume_aSavedCode_redeemsItWithEveryField() {
    AuthorizationCode code = code("a");
    store.save(code);

    CodeRedemption result = store.consume(code.codeHash(), clock.instant());

    assertThat(result).isEqualTo(new CodeRedemption.Redeemed(code));
    AuthorizationCode back = ((CodeRedemption.Redeemed) result).code();
    assertThat(back.scope()).containsExactlyInAnyOrder("openid", "profile", "notes:read");
    assertThat(back.nonce()).isEqualTo("nonce-a");
    assertThat(back.credentialsVersion()).isEqualTo(7);
    assertThat(back.authTime()).isEqualTo(START.minusSeconds(30));
  }

  @Test
  void consume_aCodeOfASecondFactorLogin_keepsItsAmrInOrder() {
    AuthorizationCode code =
        new AuthorizationCode(
            hash("m"),
            "client-1",
            "https://app.example.com/callback",
            code("m").codeChallenge(),
            Set.of("openid"),
            null,
            "user-1",
            AuthorizationCode.SESSION_AT_REDEMPTION,
            START,
            1,
            clock.instant(),
            clock.instant().plus(LIFE),
            List.of("pwd", "otp"));
    store.save(code);

    CodeRedemption result = store.consume(code.codeHash(), clock.instant());

    assertThat(((CodeRedemption.Redeemed) result).code().amr()).containsExactly("pwd", "otp");
    assertThat(code("p").amr()).containsExactly("pwd");
  }

  @Test
  void consume_aCodeWithoutNonceOrScope_redeemsItAsSaved() {
    AuthorizationCode code = code("a", null, Set.of());
    store.save(code);

    assertThat(store.consume(code.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Redeemed(code));
  }

  @Test
  void consume_again_isAReplayThatReturnsTheCode() {
    AuthorizationCode code = code("a");
    store.save(code);
    store.consume(code.codeHash(), clock.instant());

    assertThat(store.consume(code.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Replayed(code));
    clock.advance(LIFE.minusSeconds(1));
    assertThat(store.consume(code.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Replayed(code));
  }

  @Test
  void consume_justBeforeExpiry_redeems() {
    AuthorizationCode code = code("a");
    store.save(code);
    clock.advance(LIFE.minusMillis(1));

    assertThat(store.consume(code.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Redeemed(code));
  }

  @Test
  void consume_atExpiry_isInvalidUsedOrNot() {
    AuthorizationCode unused = code("unused");
    AuthorizationCode used = code("used");
    store.save(unused);
    store.save(used);
    store.consume(used.codeHash(), clock.instant());

    clock.advance(LIFE);

    assertThat(store.consume(unused.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Invalid());
    assertThat(store.consume(used.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Invalid());
  }

  @Test
  void consume_anUnknownHash_isInvalid() {
    store.save(code("a"));

    assertThat(store.consume(hash("never-saved"), clock.instant()))
        .isEqualTo(new CodeRedemption.Invalid());
  }

  @Test
  void save_anExistingHash_isRejectedAndKeepsTheFirst() {
    AuthorizationCode first = code("a");
    store.save(first);

    assertThatThrownBy(() -> store.save(code("a", "other", Set.of("admin"))))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(store.consume(first.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Redeemed(first));
  }

  @Test
  void save_aUsedHashAgain_isRejectedAndTheCodeStaysUsed() {
    AuthorizationCode first = code("a");
    store.save(first);
    store.consume(first.codeHash(), clock.instant());

    assertThatThrownBy(() -> store.save(code("a"))).isInstanceOf(IllegalArgumentException.class);

    assertThat(store.consume(first.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Replayed(first));
  }

  // ---- purge

  @Test
  void purge_forgetsCodesThatExpireBeforeTheCutoffOnly() {
    store.save(code("short"));
    clock.advance(Duration.ofSeconds(30));
    AuthorizationCode later = code("later");
    store.save(later);

    assertThat(store.purge(START.plus(LIFE).plusSeconds(1))).isEqualTo(1);

    assertThat(store.consume(later.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Redeemed(later));
  }

  @Test
  void expiredCodes_vanish() {
    assumeTrue(storedCodes(store).isPresent(), "the adapter does not expose its entry count");
    AuthorizationCode code = code("a");
    store.save(code);
    store.consume(code.codeHash(), clock.instant());
    assertThat(storedCodes(store)).hasValue(1);

    clock.advance(LIFE.plus(SWEEP_GRACE));

    assertThat(storedCodes(store)).hasValue(0);
  }

  // ---- bad input

  @Test
  void badArguments_areRejectedAndChangeNothing() {
    AuthorizationCode code = code("a");
    store.save(code);

    assertRejected(() -> store.save(null));
    assertRejected(() -> store.consume(null, clock.instant()));
    assertRejected(() -> store.consume(" ", clock.instant()));
    assertRejected(() -> store.consume("not-a-hash", clock.instant()));
    assertRejected(() -> store.consume(code.codeHash().toUpperCase(), clock.instant()));
    assertRejected(() -> store.consume(code.codeHash(), null));
    assertRejected(() -> store.purge(null));

    assertThat(store.consume(code.codeHash(), clock.instant()))
        .isEqualTo(new CodeRedemption.Redeemed(code));
  }

  // ---- concurrency

  @Test
  void concurrentRedemptions_exactlyOneRedeemsAndTheOthersSeeAReplay() {
    AuthorizationCode code = code("a");
    store.save(code);

    List<CodeRedemption> results =
        Concurrently.run(20, i -> store.consume(code.codeHash(), clock.instant()));

    assertThat(results).filteredOn(r -> r instanceof CodeRedemption.Redeemed).hasSize(1);
    assertThat(results)
        .filteredOn(r -> r instanceof CodeRedemption.Replayed)
        .hasSize(19)
        .allMatch(r -> ((CodeRedemption.Replayed) r).code().equals(code));
  }
}
