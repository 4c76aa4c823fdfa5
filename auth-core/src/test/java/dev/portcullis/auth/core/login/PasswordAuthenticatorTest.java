package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.event.AuthEvent.FailureReason;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.RecordingListener;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class PasswordAuthenticatorTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PASSWORD = "correct horse battery staple";

  private final TestClock clock = new TestClock(T0);
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final CountingHasher hasher = new CountingHasher();
  private final RecordingListener listener = new RecordingListener();
  private PasswordAuthenticator authenticator;

  @BeforeEach
  void setUp() {
    authenticator = authenticator(RateLimitSettings.defaults());
    stores.users.create(
        new NewUser(
            "u1",
            "alice@example.com",
            "alice@example.com",
            "Alice",
            hasher.hash(PASSWORD),
            Set.of("user"),
            T0,
            false));
    hasher.verifications.set(0);
  }

  private PasswordAuthenticator authenticator(RateLimitSettings limits) {
    return new PasswordAuthenticator(
        new Identifiers(320),
        stores.limiter,
        limits,
        stores.tracker,
        stores.users,
        hasher,
        clock,
        new AuthEvents(Set.of(listener)));
  }

  private Result<Authentication> login(String identifier, String password, String address) {
    return authenticator.authenticate(new LoginRequest(identifier, password, address, "junit"));
  }

  @Test
  void rightPassword_authenticatesAndEmitsLoggedIn() {
    Result<Authentication> r = login("alice@example.com", PASSWORD, "10.0.0.1");

    assertThat(r.isOk()).isTrue();
    assertThat(r.unwrap().user().id()).isEqualTo("u1");
    assertThat(r.unwrap().authenticatedAt()).isEqualTo(T0);
    assertThat(r.unwrap().clientAddress()).isEqualTo("10.0.0.1");
    assertThat(listener.of(AuthEvent.LoggedIn.class))
        .singleElement()
        .satisfies(e -> assertThat(e.userId()).isEqualTo("u1"));
  }

  @Test
  void identifier_isNormalisedBeforeLookup() {
    assertThat(login("  ALICE@Example.COM ", PASSWORD, "10.0.0.1").isOk()).isTrue();
    // Full-width letters fold to ASCII under NFKC.
    assertThat(login("ａｌｉｃｅ@example.com", PASSWORD, "10.0.0.2").isOk()).isTrue();
  }

  @Test
  void unknownUserDisabledUserAndWrongPassword_areOneErrorWithTheSameHashWork() {
    Result<Authentication> wrong = login("alice@example.com", "not the password", "10.0.0.1");
    int afterWrong = hasher.verifications.get();
    Result<Authentication> unknown = login("nobody@example.com", "whatever it is", "10.0.0.2");
    int afterUnknown = hasher.verifications.get();
    stores.users.setEnabled("u1", false);
    Result<Authentication> disabled = login("alice@example.com", PASSWORD, "10.0.0.3");

    assertThat(wrong.failure().orElseThrow())
        .isEqualTo(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    assertThat(unknown.failure().orElseThrow())
        .isEqualTo(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    assertThat(disabled.failure().orElseThrow())
        .isEqualTo(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    assertThat(afterWrong).isEqualTo(1);
    assertThat(afterUnknown - afterWrong).as("the unknown-user path runs the hasher").isEqualTo(1);
    assertThat(hasher.verifications.get() - afterUnknown).isEqualTo(1);
    assertThat(listener.of(AuthEvent.LoginFailed.class))
        .extracting(AuthEvent.LoginFailed::reason)
        .containsExactly(
            FailureReason.WRONG_PASSWORD,
            FailureReason.UNKNOWN_IDENTIFIER,
            FailureReason.ACCOUNT_DISABLED);
  }

  @Test
  void fiveFailures_lockTheIdentifierAndTheSixthCostsNoHashing() {
    for (int i = 0; i < 5; i++) {
      assertThat(
              login("alice@example.com", "wrong " + i, "10.0.0." + i)
                  .failure()
                  .orElseThrow()
                  .code())
          .isEqualTo("invalid_credentials");
    }
    int before = hasher.verifications.get();

    Result<Authentication> locked = login("alice@example.com", PASSWORD, "10.0.0.9");

    assertThat(hasher.verifications.get()).isEqualTo(before);
    AuthError e = locked.failure().orElseThrow();
    assertThat(e).isInstanceOf(AuthError.AccountLocked.class);
    assertThat(((AuthError.AccountLocked) e).lockedUntil())
        .isEqualTo(T0.plus(Duration.ofMinutes(5)));
    assertThat(e.retryAfter()).contains(Duration.ofMinutes(5));
    assertThat(listener.of(AuthEvent.LockedOut.class))
        .singleElement()
        .satisfies(l -> assertThat(l.identifier()).isEqualTo("alice@example.com"));
  }

  @Test
  void lock_endsAfterItsDuration() {
    for (int i = 0; i < 5; i++) {
      login("alice@example.com", "wrong", "10.0.0." + i);
    }
    clock.advance(Duration.ofMinutes(5));

    assertThat(login("alice@example.com", PASSWORD, "10.0.1.1").isOk()).isTrue();
  }

  @Test
  void unknownIdentifiers_lockToo_soALockRevealsNothing() {
    for (int i = 0; i < 5; i++) {
      login("ghost@example.com", "wrong", "10.0.0." + i);
    }

    assertThat(login("ghost@example.com", "wrong", "10.0.0.9").failure().orElseThrow().code())
        .isEqualTo("account_locked");
  }

  @Test
  void success_clearsEarlierFailures() {
    for (int i = 0; i < 4; i++) {
      login("alice@example.com", "wrong", "10.0.0." + i);
    }
    assertThat(login("alice@example.com", PASSWORD, "10.0.0.8").isOk()).isTrue();
    for (int i = 0; i < 4; i++) {
      login("alice@example.com", "wrong", "10.0.1." + i);
    }

    assertThat(login("alice@example.com", PASSWORD, "10.0.0.9").isOk()).isTrue();
  }

  @Test
  void rateLimitedAddress_isRefusedWithRetryAfterAndNoHashing() {
    authenticator =
        authenticator(
            new RateLimitSettings(
                RateLimitRule.parse("2/minute"),
                RateLimitRule.parse("30/hour"),
                RateLimitRule.parse("10/hour"),
                RateLimitRule.parse("5/hour")));
    login("alice@example.com", PASSWORD, "10.9.9.9");
    login("alice@example.com", PASSWORD, "10.9.9.9");
    int before = hasher.verifications.get();

    Result<Authentication> r = login("alice@example.com", PASSWORD, "10.9.9.9");

    assertThat(hasher.verifications.get()).isEqualTo(before);
    assertThat(r.failure().orElseThrow()).isInstanceOf(AuthError.RateLimited.class);
    assertThat(r.failure().orElseThrow().retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(login("alice@example.com", PASSWORD, "10.9.9.8").isOk()).isTrue();
  }

  @Test
  void oneAddress_cannotPushManyAccountsIntoLockout() {
    authenticator =
        authenticator(
            new RateLimitSettings(
                RateLimitRule.parse("1000/minute"),
                RateLimitRule.parse("6/hour"),
                RateLimitRule.parse("10/hour"),
                RateLimitRule.parse("5/hour")));
    for (int i = 0; i < 6; i++) {
      login("victim" + i + "@example.com", "guess", "203.0.113.7");
    }
    int before = hasher.verifications.get();

    Result<Authentication> seventh = login("victim9@example.com", "guess", "203.0.113.7");

    assertThat(seventh.failure().orElseThrow().code()).isEqualTo("rate_limited");
    assertThat(hasher.verifications.get()).isEqualTo(before);
    assertThat(stores.tracker.activeLockouts()).isEmpty();
    assertThat(login("alice@example.com", PASSWORD, "198.51.100.1").isOk()).isTrue();
  }

  @Test
  void successfulLogins_doNotSpendTheFailureBudget() {
    authenticator =
        authenticator(
            new RateLimitSettings(
                RateLimitRule.parse("1000/minute"),
                RateLimitRule.parse("2/hour"),
                RateLimitRule.parse("10/hour"),
                RateLimitRule.parse("5/hour")));
    for (int i = 0; i < 5; i++) {
      assertThat(login("alice@example.com", PASSWORD, "10.1.1.1").isOk()).isTrue();
    }
  }

  @Test
  void weakerStoredHash_isUpgradedOnSuccessfulLogin() {
    hasher.version = 3;

    assertThat(login("alice@example.com", PASSWORD, "10.0.0.1").isOk()).isTrue();

    assertThat(stores.users.hashOf("u1")).startsWith("$plain$v3$");
    assertThat(listener.of(AuthEvent.PasswordRehashed.class))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("plain -> plain"));
  }

  @Test
  void failedRehash_isLoggedButTheLoginSucceeds() {
    hasher.version = 3;
    hasher.failHashing = true;

    assertThat(login("alice@example.com", PASSWORD, "10.0.0.1").isOk()).isTrue();
    assertThat(stores.users.hashOf("u1")).startsWith("$plain$v2$");
  }

  @Test
  void storeDown_failsClosedWithServiceUnavailable() {
    stores.down = true;

    Result<Authentication> r = login("alice@example.com", PASSWORD, "10.0.0.1");

    assertThat(r.failure().orElseThrow().code()).isEqualTo("service_unavailable");
    assertThat(r.failure().orElseThrow().httpStatus()).isEqualTo(503);
    assertThat(listener.of(AuthEvent.LoginFailed.class))
        .extracting(AuthEvent.LoginFailed::reason)
        .containsExactly(FailureReason.STORE_UNAVAILABLE);
  }

  @Test
  void blankOrHugeInput_isInvalidRequestAndCountsNothing() {
    assertThat(login("   ", PASSWORD, "10.0.0.1").failure().orElseThrow().code())
        .isEqualTo("invalid_request");
    assertThat(login("alice@example.com", "x".repeat(5000), "10.0.0.1").failure().orElseThrow())
        .isEqualTo(new AuthError.InvalidRequest("password", "is longer than 4096 characters"));
    assertThat(login("a\u0000b@example.com", PASSWORD, "10.0.0.1").failure().orElseThrow().code())
        .isEqualTo("invalid_request");
    assertThat(hasher.verifications.get()).isZero();
    assertThat(stores.tracker.status("alice@example.com").failures()).isZero();
  }

  @Test
  void unsupportedStoredHash_isRefusedAfterTheSameHashWork() {
    stores.users.create(
        new NewUser(
            "u2", "bob@example.com", "bob@example.com", null, "$md5$abc$def", Set.of(), T0, false));

    Result<Authentication> r = login("bob@example.com", "anything at all", "10.0.0.1");

    assertThat(r.failure().orElseThrow().code()).isEqualTo("invalid_credentials");
    assertThat(hasher.verifications.get()).isEqualTo(1);
  }

  @Test
  void throwingListener_neverChangesTheOutcome() {
    PasswordAuthenticator withBadListener =
        new PasswordAuthenticator(
            new Identifiers(320),
            stores.limiter,
            RateLimitSettings.defaults(),
            stores.tracker,
            stores.users,
            hasher,
            clock,
            new AuthEvents(
                Set.of(
                    e -> {
                      throw new IllegalStateException("listener bug");
                    })));

    assertThat(withBadListener.authenticate(LoginRequest.of("alice@example.com", PASSWORD)).isOk())
        .isTrue();
  }
}
