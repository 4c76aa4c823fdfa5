package dev.portcullis.auth.testkit.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;
import dev.portcullis.auth.testkit.MutableClock;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class MemoryStoreModuleTest {

  private static final List<Class<?>> PORTS =
      List.of(
          UserStore.class,
          SessionStore.class,
          LoginAttemptTracker.class,
          TokenBlacklist.class,
          RateLimiter.class,
          ResetTokenStore.class,
          AuditStore.class,
          SingleUseStore.class,
          AuthorizationCodeStore.class,
          ClientStore.class,
          ConsentStore.class,
          DeviceGrantStore.class,
          InteractionStore.class);

  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));

  /** What AuthModule binds in production: the clock and the lockout policy. */
  private final Module core =
      new AbstractModule() {
        @Override
        protected void configure() {
          bind(Clock.class).toInstance(clock);
          bind(LockoutPolicy.class).toInstance(LockoutPolicy.defaults());
        }
      };

  /** The strictest injector Guice offers, as JDBI's GuiceTestSupport builds it. */
  private static Injector strictInjector(Module... modules) {
    Module strict =
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            binder().disableCircularProxies();
            binder().requireAtInjectOnConstructors();
            binder().requireExactBindingAnnotations();
          }
        };
    Module[] all = new Module[modules.length + 1];
    all[0] = strict;
    System.arraycopy(modules, 0, all, 1, modules.length);
    return Guice.createInjector(Stage.PRODUCTION, all);
  }

  @Test
  void strictInjector_resolvesEveryStorePort() {
    Injector injector = strictInjector(core, new MemoryStoreModule(MemoryStoreSettings.defaults()));

    for (Class<?> port : PORTS) {
      assertThat(injector.getInstance(port)).as(port.getSimpleName()).isNotNull();
    }
  }

  @Test
  void everyPort_isASingleton() {
    Injector injector = strictInjector(core, new MemoryStoreModule(MemoryStoreSettings.defaults()));

    for (Class<?> port : PORTS) {
      assertThat(injector.getInstance(port))
          .as(port.getSimpleName())
          .isSameAs(injector.getInstance(port));
    }
  }

  @Test
  void stores_readTheBoundClockAndPolicy() {
    Injector injector = strictInjector(core, new MemoryStoreModule(MemoryStoreSettings.defaults()));
    LoginAttemptTracker tracker = injector.getInstance(LoginAttemptTracker.class);
    LockoutPolicy policy = LockoutPolicy.defaults();

    for (int i = 0; i < policy.maxAttempts(); i++) {
      tracker.recordFailure((AttemptReservation.Granted) tracker.reserve("alice@example.com"));
    }

    assertThat(tracker.status("alice@example.com").lockedUntil())
        .isEqualTo(clock.instant().plus(policy.duration()));
    clock.advance(policy.duration());
    assertThat(tracker.status("alice@example.com").locked()).isFalse();
  }

  @Test
  void withoutAClockAndAPolicy_injectorCreationNamesWhatIsMissing() {
    assertThatThrownBy(() -> strictInjector(new MemoryStoreModule(MemoryStoreSettings.defaults())))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(Clock.class.getName())
        .hasMessageContaining(LockoutPolicy.class.getName());
  }

  @Test
  void module_appliesItsSettings() {
    MemoryStoreSettings defaults = MemoryStoreSettings.defaults();
    MemoryStoreSettings oneUser =
        new MemoryStoreSettings(
            1,
            defaults.maxSessions(),
            defaults.sessionRetention(),
            defaults.maxTrackedKeys(),
            defaults.reservationTimeout(),
            defaults.maxRevocations(),
            defaults.maxRateLimitBuckets(),
            defaults.maxResetTokens(),
            defaults.maxAuditRecords());
    UserStore users =
        strictInjector(core, new MemoryStoreModule(oneUser)).getInstance(UserStore.class);
    Instant now = clock.instant();
    users.create(new NewUser("u1", "a@example.com", null, null, "$h$1", Set.of(), now, false));

    assertThatThrownBy(
            () ->
                users.create(
                    new NewUser("u2", "b@example.com", null, null, "$h$2", Set.of(), now, false)))
        .isInstanceOf(ServiceUnavailableException.class)
        .hasMessageContaining("auth.store.memory.max-users");
  }
}
