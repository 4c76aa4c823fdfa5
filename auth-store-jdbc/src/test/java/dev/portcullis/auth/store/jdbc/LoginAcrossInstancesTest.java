package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.CountingPasswordHasher;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two complete Portcullis instances (AuthModule + JdbcStoreModule, each with its own pool) on one
 * PostgreSQL database act as one: a user registered through one logs in through the other, and
 * wrong-password attempts racing through both are held to one lockout bound.
 */
final class LoginAcrossInstancesTest {
  private static final String PASSWORD = "correct horse battery staple";

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingPasswordHasher hasher = CountingPasswordHasher.fast();
  private Injector first;
  private Injector second;

  private Injector instance(JdbcStoreSettings settings) {
    return StrictInjector.of(
        new AuthModule(
            AuthConfig.load(
                "auth.environment = test\n"
                    + "auth.rate-limit.login = \"1000/minute\"\n"
                    + "auth.rate-limit.login-failures = \"1000/hour\"\n",
                Map.of())),
        new JdbcStoreModule(settings),
        new AbstractModule() {
          @Override
          protected void configure() {
            OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
            OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
                .setBinding()
                .toInstance(hasher);
          }
        });
  }

  @BeforeEach
  void twoInstancesOnOneDatabase() {
    JdbcStoreSettings settings = TestDatabase.postgresSettings().withPoolSize(10);
    first = instance(settings);
    second = instance(settings.withMigrateOnStart(false));
    first
        .getInstance(AccountService.class)
        .register(Registration.of("alice@example.com", PASSWORD))
        .unwrap();
    hasher.reset();
  }

  @AfterEach
  void close() {
    first.getInstance(JdbcStores.class).close();
    second.getInstance(JdbcStores.class).close();
  }

  @Test
  void userRegisteredThroughOne_logsInThroughTheOther() {
    assertThat(
            second
                .getInstance(Authenticator.class)
                .authenticate(LoginRequest.of("alice@example.com", PASSWORD))
                .isOk())
        .isTrue();
  }

  @Test
  void concurrentWrongPasswordsThroughBoth_checkAtMostMaxAttemptsPasswords() throws Exception {
    Authenticator a = first.getInstance(Authenticator.class);
    Authenticator b = second.getInstance(Authenticator.class);
    List<Result<Authentication>> results =
        Concurrently.run(
            100,
            i ->
                (i % 2 == 0 ? a : b)
                    .authenticate(
                        new LoginRequest(
                            "alice@example.com",
                            "wrong guess",
                            "10.2." + (i / 200) + "." + (i % 200),
                            null)));
    int invalid = 0;
    for (Result<Authentication> result : results) {
      AuthError e = result.failure().orElseThrow();
      assertThat(e.code()).isIn("invalid_credentials", "account_locked");
      if (e.kind() == ErrorKind.INVALID_CREDENTIALS) {
        invalid++;
      }
    }

    assertThat(hasher.verifications()).isLessThanOrEqualTo(5);
    assertThat(invalid).isEqualTo(hasher.verifications());
    // The lock set through one instance is seen and cleared through the other.
    LockoutAdmin admin = second.getInstance(LockoutAdmin.class);
    assertThat(admin.activeLockouts().unwrap())
        .extracting(s -> s.key())
        .containsExactly("alice@example.com");
    assertThat(admin.clear("alice@example.com").isOk()).isTrue();
    assertThat(a.authenticate(LoginRequest.of("alice@example.com", PASSWORD)).isOk()).isTrue();
  }
}
