package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The lockout bound holds when many wrong guesses race (real adapters: auth-testkit, JDBC). */
final class LoginConcurrencyTest {

  @Test
  void hundredConcurrentWrongPasswords_runAtMostMaxAttemptsVerifications() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
    FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
    CountingHasher hasher = new CountingHasher();
    stores.users.create(
        new NewUser(
            "u1",
            "alice@example.com",
            "alice@example.com",
            null,
            hasher.hash("the real password"),
            Set.of(),
            clock.instant(),
            false));
    PasswordAuthenticator authenticator =
        new PasswordAuthenticator(
            new Identifiers(320),
            stores.limiter,
            RateLimitSettings.defaults(),
            stores.tracker,
            stores.users,
            hasher,
            clock,
            AuthEvents.none());
    hasher.verifications.set(0);

    int threads = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Result<Authentication>>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        String address = "10.0." + (i / 250) + "." + (i % 250);
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return authenticator.authenticate(
                      new LoginRequest("alice@example.com", "guess", address, null));
                }));
      }
      start.countDown();
      int invalid = 0;
      int locked = 0;
      for (Future<Result<Authentication>> f : results) {
        AuthError e = f.get().failure().orElseThrow();
        if (e.kind() == ErrorKind.INVALID_CREDENTIALS) {
          invalid++;
        } else if (e instanceof AuthError.AccountLocked) {
          locked++;
        }
      }

      assertThat(hasher.verifications.get()).isLessThanOrEqualTo(5);
      assertThat(invalid).isEqualTo(hasher.verifications.get());
      assertThat(invalid + locked).isEqualTo(threads);
      assertThat(stores.tracker.status("alice@example.com").locked()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }
}
