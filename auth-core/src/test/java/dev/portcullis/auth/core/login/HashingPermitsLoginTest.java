package dev.portcullis.auth.core.login;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.RateLimitDecision;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.fakes.CountingHasher;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.hash.BoundedPasswordHasher;
import dev.portcullis.auth.core.hash.HashingLimits;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Logins past the hashing cap wait a bounded time, then fail closed without counting anything. */
final class HashingPermitsLoginTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PASSWORD = "correct horse battery staple";

  private final TestClock clock = new TestClock(T0);
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final CountingHasher counting = new CountingHasher();
  private final OutstandingReservations tracker = new OutstandingReservations(stores.tracker);
  private final CountDownLatch inside = new CountDownLatch(2);
  private final CountDownLatch release = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private volatile boolean blockVerifications = true;

  /** Verifications stop inside the hasher until the test releases them. */
  private final PasswordHasher latched =
      new PasswordHasher() {
        @Override
        public String hash(CharSequence password) {
          return counting.hash(password);
        }

        @Override
        public boolean verify(CharSequence password, String encodedHash) {
          if (blockVerifications) {
            inside.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return counting.verify(password, encodedHash);
        }

        @Override
        public boolean needsRehash(String encodedHash) {
          return counting.needsRehash(encodedHash);
        }

        @Override
        public boolean supports(String encodedHash) {
          return counting.supports(encodedHash);
        }
      };

  private final BoundedPasswordHasher bounded =
      new BoundedPasswordHasher(latched, new HashingLimits(2, Duration.ofMillis(20)));

  private final PasswordAuthenticator authenticator =
      new PasswordAuthenticator(
          new Identifiers(320),
          stores.limiter,
          RateLimitSettings.defaults(),
          tracker,
          stores.users,
          bounded,
          clock,
          new AuthEvents(Set.of()));

  @AfterEach
  void tearDown() {
    release.countDown();
    pool.shutdownNow();
  }

  private void user(String id, String identifier) {
    stores.users.create(
        new NewUser(
            id, identifier, identifier, null, counting.hash(PASSWORD), Set.of(), T0, false));
  }

  private Result<Authentication> login(String identifier, String password, String address) {
    return authenticator.authenticate(new LoginRequest(identifier, password, address, "junit"));
  }

  @Test
  void aLoginBeyondTheCap_isServiceUnavailableWithRetryAfterAndCountsNothing() throws Exception {
    user("u1", "alice@example.com");
    user("u2", "carol@example.com");
    // One real account and one unknown identifier (the dummy hash) hold both permits.
    Future<Result<Authentication>> alice =
        pool.submit(() -> login("alice@example.com", "wrong password", "10.0.0.1"));
    Future<Result<Authentication>> nobody =
        pool.submit(() -> login("nobody@example.com", "whatever it is", "10.0.0.2"));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    Result<Authentication> third = login("carol@example.com", "wrong password", "10.0.0.3");

    AuthError error = third.failure().orElseThrow();
    assertThat(error).isInstanceOf(AuthError.ServiceUnavailable.class);
    assertThat(error.httpStatus()).isEqualTo(503);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(1));
    assertThat(stores.tracker.status("carol@example.com").failures())
        .as("no failure counted against the identifier")
        .isZero();
    assertThat(tracker.outstanding("carol@example.com")).as("reservation released").isZero();
    assertThat(
            stores.limiter.peek(
                "login-failures:10.0.0.3", RateLimitSettings.defaults().loginFailures()))
        .as("the address's failure budget is not charged")
        .isEqualTo(RateLimitDecision.allow(30));

    blockVerifications = false;
    release.countDown();
    assertThat(alice.get(10, TimeUnit.SECONDS).failure().orElseThrow().code())
        .isEqualTo("invalid_credentials");
    assertThat(nobody.get(10, TimeUnit.SECONDS).failure().orElseThrow().code())
        .isEqualTo("invalid_credentials");
    assertThat(bounded.availablePermits()).isEqualTo(2);
    // Carol still has all five attempts: the refused login left no reservation behind.
    for (int i = 0; i < 5; i++) {
      assertThat(login("carol@example.com", "wrong " + i, "10.0.1." + i).failure().orElseThrow())
          .isEqualTo(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
    }
    assertThat(login("carol@example.com", PASSWORD, "10.0.2.1").failure().orElseThrow().code())
        .isEqualTo("account_locked");
  }

  /** A tracker that remembers which reservations are still open. */
  private static final class OutstandingReservations implements LoginAttemptTracker {
    private final LoginAttemptTracker delegate;
    private final Set<AttemptReservation.Granted> open = ConcurrentHashMap.newKeySet();

    OutstandingReservations(LoginAttemptTracker delegate) {
      this.delegate = delegate;
    }

    long outstanding(String key) {
      return open.stream().filter(g -> g.key().equals(key)).count();
    }

    @Override
    public AttemptReservation reserve(String key) {
      AttemptReservation r = delegate.reserve(key);
      if (r instanceof AttemptReservation.Granted g) {
        open.add(g);
      }
      return r;
    }

    @Override
    public LockStatus recordFailure(AttemptReservation.Granted g) {
      open.remove(g);
      return delegate.recordFailure(g);
    }

    @Override
    public void recordSuccess(AttemptReservation.Granted g) {
      open.remove(g);
      delegate.recordSuccess(g);
    }

    @Override
    public void release(AttemptReservation.Granted g) {
      open.remove(g);
      delegate.release(g);
    }

    @Override
    public LockStatus status(String key) {
      return delegate.status(key);
    }

    @Override
    public List<LockStatus> activeLockouts() {
      return delegate.activeLockouts();
    }

    @Override
    public boolean clear(String key) {
      return delegate.clear(key);
    }
  }
}
