package dev.portcullis.auth.store.redis;

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
import dev.portcullis.auth.api.model.Revocation;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.store.jdbc.JdbcStoreModule;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.jdbc.JdbcStores;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import dev.portcullis.auth.testkit.Concurrently;
import dev.portcullis.auth.testkit.CountingPasswordHasher;
import dev.portcullis.auth.testkit.MutableClock;
import dev.portcullis.auth.testkit.StrictInjector;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two complete Portcullis instances (AuthModule + JdbcStoreModule with RedisStoreModule over it,
 * each with its own pool and Redis connection) on one database and one Redis act as one: the
 * lockout bound holds across them exactly, and a revocation through one is seen by the other.
 */
final class RedisAcrossInstancesTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String ALICE = "alice@example.com";
  private static final int MAX_ATTEMPTS = 5;

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final CountingPasswordHasher hasher = CountingPasswordHasher.fast();
  private Injector first;
  private Injector second;

  private Injector instance(JdbcStoreSettings jdbc, RedisStoreSettings redis) {
    return StrictInjector.of(
        new AuthModule(
            AuthConfig.load(
                "auth.environment = test\n"
                    + "auth.rate-limit.login = \"1000/minute\"\n"
                    + "auth.rate-limit.login-failures = \"1000/hour\"\n",
                Map.of())),
        new RedisStoreModule(redis).over(new JdbcStoreModule(jdbc)),
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
  void twoInstancesOnOneDatabaseAndOneRedis() {
    JdbcStoreSettings jdbc =
        JdbcStoreSettings.forUrl(
                "jdbc:h2:mem:redis_"
                    + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                    + ";DB_CLOSE_DELAY=-1",
                "sa",
                "")
            .withPurgeInterval(Duration.ZERO);
    RedisStoreSettings redis = RedisServer.shared().settings();
    first = instance(jdbc.withMigrateOnStart(true), redis);
    second = instance(jdbc, redis);
    first.getInstance(AccountService.class).register(Registration.of(ALICE, PASSWORD)).unwrap();
    hasher.reset();
  }

  @AfterEach
  void close() {
    for (Injector i : List.of(first, second)) {
      i.getInstance(RedisStores.class).close();
      i.getInstance(JdbcStores.class).close();
    }
  }

  @Test
  void hotPorts_comeFromRedis_andDurableOnesFromJdbc() {
    for (Class<?> port :
        List.of(
            LoginAttemptTracker.class,
            RateLimiter.class,
            TokenBlacklist.class,
            SingleUseStore.class,
            AuthorizationCodeStore.class,
            DeviceGrantStore.class)) {
      assertThat(first.getInstance(port).getClass().getSimpleName())
          .as("%s", port)
          .startsWith("Redis");
    }
    for (Class<?> port : List.of(UserStore.class, SessionStore.class)) {
      assertThat(first.getInstance(port).getClass().getSimpleName())
          .as("%s", port)
          .startsWith("Jdbc");
    }
  }

  @Test
  void thirtyConcurrentWrongPasswordsThroughBoth_checkExactlyMaxAttemptsPasswords()
      throws Exception {
    Authenticator a = first.getInstance(Authenticator.class);
    Authenticator b = second.getInstance(Authenticator.class);

    List<Result<Authentication>> results =
        Concurrently.run(
            30,
            i ->
                (i % 2 == 0 ? a : b)
                    .authenticate(new LoginRequest(ALICE, "wrong guess", "10.3.0." + i, null)));

    int invalid = 0;
    int locked = 0;
    for (Result<Authentication> result : results) {
      AuthError e = result.failure().orElseThrow();
      if (e.kind() == ErrorKind.INVALID_CREDENTIALS) {
        invalid++;
      } else if (e.code().equals("account_locked")) {
        locked++;
      }
    }
    assertThat(hasher.verifications()).isEqualTo(MAX_ATTEMPTS);
    assertThat(invalid).isEqualTo(MAX_ATTEMPTS);
    assertThat(locked).isEqualTo(30 - MAX_ATTEMPTS);
    // The lock set through both instances is seen and cleared through either.
    LockoutAdmin admin = second.getInstance(LockoutAdmin.class);
    assertThat(admin.activeLockouts().unwrap()).extracting(s -> s.key()).containsExactly(ALICE);
    assertThat(admin.clear(ALICE).isOk()).isTrue();
    assertThat(a.authenticate(LoginRequest.of(ALICE, PASSWORD)).isOk()).isTrue();
  }

  @Test
  void tokenRevokedThroughOne_isRefusedByTheOther() {
    Instant issued = clock.instant();
    first
        .getInstance(TokenBlacklist.class)
        .revokeToken("https://auth.example", "jti-1", issued, issued.plus(Duration.ofMinutes(15)));

    assertThat(
            second
                .getInstance(TokenBlacklist.class)
                .check("https://auth.example", "jti-1", "user-1", null, issued))
        .contains(new Revocation(Revocation.Scope.TOKEN, issued));
  }
}
