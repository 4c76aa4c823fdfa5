package dev.portcullis.auth.testkit.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.CountingPasswordHasher;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core wired to the in-memory adapters in a strict injector, exercised end to end. */
final class CoreOnMemoryStoresTest {
  private static final String PASSWORD = "correct horse battery staple";

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final CountingPasswordHasher hasher = CountingPasswordHasher.fast();
  private Injector injector;

  @BeforeEach
  void setUp() {
    Module overrides =
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
            OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
                .setBinding()
                .toInstance(hasher);
          }
        };
    injector =
        StrictInjector.of(
            new AuthModule(
                AuthConfig.load(
                    "auth.environment = test\n"
                        + "auth.rate-limit.login = \"1000/minute\"\n"
                        + "auth.rate-limit.login-failures = \"1000/hour\"\n",
                    Map.of())),
            new MemoryStoreModule(MemoryStoreSettings.defaults()),
            overrides);
    injector
        .getInstance(AccountService.class)
        .register(Registration.of("alice@example.com", PASSWORD))
        .unwrap();
    hasher.reset();
  }

  @Test
  void hundredConcurrentWrongPasswords_verifyAtMostFiveTimes() throws Exception {
    Authenticator authenticator = injector.getInstance(Authenticator.class);
    List<Result<Authentication>> results =
        Concurrently.run(
            100,
            i ->
                authenticator.authenticate(
                    new LoginRequest(
                        "alice@example.com",
                        "wrong guess",
                        "10.1." + (i / 200) + "." + (i % 200),
                        null)));
    long invalid =
        results.stream()
            .filter(r -> r.failure().orElseThrow().kind() == ErrorKind.INVALID_CREDENTIALS)
            .count();

    assertThat(hasher.verifications()).isLessThanOrEqualTo(5);
    assertThat(invalid).isEqualTo(hasher.verifications());
    assertThat(injector.getInstance(LoginAttemptTracker.class).status("alice@example.com").locked())
        .isTrue();
  }

  @Test
  void lockout_expiresWithTheClockAndOperatorsCanClearIt() {
    Authenticator authenticator = injector.getInstance(Authenticator.class);
    for (int i = 0; i < 5; i++) {
      authenticator.authenticate(LoginRequest.of("alice@example.com", "wrong"));
    }
    assertThat(authenticator.authenticate(LoginRequest.of("alice@example.com", PASSWORD)).failure())
        .get()
        .isInstanceOf(AuthError.AccountLocked.class);

    LockoutAdmin admin = injector.getInstance(LockoutAdmin.class);
    assertThat(admin.activeLockouts().unwrap()).hasSize(1);
    assertThat(admin.clear("alice@example.com").isOk()).isTrue();
    assertThat(authenticator.authenticate(LoginRequest.of("alice@example.com", PASSWORD)).isOk())
        .isTrue();

    for (int i = 0; i < 5; i++) {
      authenticator.authenticate(LoginRequest.of("alice@example.com", "wrong"));
    }
    clock.advance(Duration.ofMinutes(5));
    assertThat(authenticator.authenticate(LoginRequest.of("alice@example.com", PASSWORD)).isOk())
        .isTrue();
  }

  @Test
  void everyEvent_landsInTheAuditStore() {
    injector
        .getInstance(Authenticator.class)
        .authenticate(LoginRequest.of("alice@example.com", PASSWORD));

    assertThat(injector.getInstance(AuditStore.class).recent(10))
        .extracting(r -> r.type())
        .containsExactly("logged_in", "registered");
  }
}
