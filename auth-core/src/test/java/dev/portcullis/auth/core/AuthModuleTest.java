package dev.portcullis.auth.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.PasswordPolicy;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.account.AccountService;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.core.account.ProfileService;
import dev.portcullis.auth.core.account.Registration;
import dev.portcullis.auth.core.fakes.FakeStores;
import dev.portcullis.auth.core.fakes.RecordingListener;
import dev.portcullis.auth.core.fakes.TestClock;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.AuthSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class AuthModuleTest {
  /** Fast hashing for tests: the environment "test" allows it. */
  private static final String FAST =
      "auth.environment = test\n" + "auth.hashing.argon2 { memory-kib = 64, iterations = 1 }\n";

  private final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  private final FakeStores stores = new FakeStores(clock, LockoutPolicy.defaults());
  private final RecordingListener listener = new RecordingListener();

  private Module fakeStoreModule() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        bind(UserStore.class).toInstance(stores.users);
        bind(SessionStore.class).toInstance(stores.sessions);
        bind(LoginAttemptTracker.class).toInstance(stores.tracker);
        bind(TokenBlacklist.class).toInstance(stores.blacklist);
        bind(RateLimiter.class).toInstance(stores.limiter);
        bind(ResetTokenStore.class).toInstance(stores.resetTokens);
        bind(AuditStore.class).toInstance(stores.audit);
        OptionalBinder.newOptionalBinder(binder(), Clock.class).setBinding().toInstance(clock);
        Multibinder.newSetBinder(binder(), AuthEventListener.class)
            .addBinding()
            .toInstance(listener);
      }
    };
  }

  /** A strict injector, as JDBI's GuiceTestSupport builds them. */
  private static Injector strict(Module... modules) {
    return Guice.createInjector(
        Stage.PRODUCTION,
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            binder().disableCircularProxies();
            binder().requireAtInjectOnConstructors();
            for (Module m : modules) {
              install(m);
            }
          }
        });
  }

  private static Config config(String hocon) {
    return AuthConfig.load(hocon, Map.of());
  }

  @Test
  void strictInjector_resolvesEveryService() {
    Injector injector = strict(new AuthModule(config(FAST)), fakeStoreModule());

    assertThat(injector.getInstance(Authenticator.class)).isNotNull();
    assertThat(injector.getInstance(AccountService.class)).isNotNull();
    assertThat(injector.getInstance(LockoutAdmin.class)).isNotNull();
    assertThat(injector.getInstance(PasswordHasher.class)).isNotNull();
    assertThat(injector.getInstance(PasswordPolicy.class)).isNotNull();
    assertThat(injector.getInstance(NotificationSender.class)).isNotNull();
    assertThat(injector.getInstance(AuthSettings.class).environment().value()).isEqualTo("test");
    assertThat(injector.getInstance(LockoutPolicy.class)).isEqualTo(LockoutPolicy.defaults());
    assertThat(injector.getInstance(Clock.class)).isSameAs(clock);
  }

  @Test
  void withoutATokenModule_theInjectorStarts_andOnlyAccountAdminNamesTheMissingModule() {
    Injector injector = strict(new AuthModule(config(FAST)), fakeStoreModule());

    assertThat(injector.getInstance(ProfileService.class)).isNotNull();
    assertThatThrownBy(() -> injector.getInstance(AccountAdmin.class))
        .isInstanceOf(ProvisionException.class)
        .hasMessageContaining("binding TokenService: nothing implements")
        .hasMessageContaining("new JwtModule(");
  }

  @Test
  void wiredServices_registerAndLogInEndToEnd() {
    Injector injector = strict(new AuthModule(config(FAST)), fakeStoreModule());
    AccountService accounts = injector.getInstance(AccountService.class);
    Authenticator authenticator = injector.getInstance(Authenticator.class);

    accounts.register(Registration.of("dana@example.com", "a perfectly fine passphrase")).unwrap();
    Result<?> login =
        authenticator.authenticate(
            LoginRequest.of("dana@example.com", "a perfectly fine passphrase"));

    assertThat(login.isOk()).isTrue();
    assertThat(stores.users.list(0, 1).get(0).id()).isNotBlank();
    assertThat(listener.types()).containsExactly("registered", "logged_in");
    assertThat(stores.audit.records)
        .extracting(r -> r.type())
        .containsExactly("registered", "logged_in");
  }

  @Test
  void missingStoreModule_failsCreationNamingTheModulesToInstall() {
    assertThatThrownBy(() -> strict(new AuthModule(config(FAST))))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("binding UserStore: nothing implements")
        .hasMessageContaining("binding AuditStore: nothing implements")
        .hasMessageContaining("MemoryStoreModule")
        .hasMessageContaining("JdbcStoreModule");
  }

  @Test
  void production_refusesTheLoggingNotificationSender() {
    String production =
        "auth.environment = production\n"
            + "auth.reset.link-template = \"https://app.example/reset?t={token}\"\n";

    assertThatThrownBy(() -> strict(new AuthModule(config(production)), fakeStoreModule()))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("binding NotificationSender")
        .hasMessageContaining("setBinding()");
  }

  @Test
  void production_acceptsARealSender() {
    String production =
        "auth.environment = production\n"
            + "auth.reset.link-template = \"https://app.example/reset?t={token}\"\n";
    NotificationSender mail = n -> Result.ok();

    Injector injector =
        strict(
            new AuthModule(config(production)),
            fakeStoreModule(),
            new AbstractModule() {
              @Override
              protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), NotificationSender.class)
                    .setBinding()
                    .toInstance(mail);
              }
            });

    assertThat(injector.getInstance(NotificationSender.class)).isSameAs(mail);
  }
}
