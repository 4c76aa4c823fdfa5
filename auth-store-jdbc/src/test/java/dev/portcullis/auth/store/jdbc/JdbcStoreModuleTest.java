package dev.portcullis.auth.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.spi.Elements;
import com.zaxxer.hikari.HikariDataSource;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.api.model.LockoutPolicy;
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
import dev.portcullis.auth.store.jdbc.testsupport.TestDatabase;
import dev.portcullis.auth.store.jdbc.testsupport.TestModule;
import dev.portcullis.auth.testkit.MutableClock;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class JdbcStoreModuleTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
  private final TestModule core = new TestModule(clock, LockoutPolicy.defaults());

  @Test
  void strictInjector_providesEveryStorePortFromOneJdbcStores() {
    Injector injector =
        TestModule.strictInjector(core, new JdbcStoreModule(TestDatabase.h2Settings()));
    JdbcStores stores = injector.getInstance(JdbcStores.class);
    try {
      assertThat(injector.getInstance(UserStore.class)).isSameAs(stores.users());
      assertThat(injector.getInstance(SessionStore.class)).isSameAs(stores.sessions());
      assertThat(injector.getInstance(LoginAttemptTracker.class)).isSameAs(stores.loginAttempts());
      assertThat(injector.getInstance(TokenBlacklist.class)).isSameAs(stores.blacklist());
      assertThat(injector.getInstance(RateLimiter.class)).isSameAs(stores.rateLimiter());
      assertThat(injector.getInstance(ResetTokenStore.class)).isSameAs(stores.resetTokens());
      assertThat(injector.getInstance(AuditStore.class)).isSameAs(stores.audit());
      assertThat(injector.getInstance(SingleUseStore.class)).isSameAs(stores.singleUse());
      assertThat(injector.getInstance(AuthorizationCodeStore.class))
          .isSameAs(stores.authorizationCodes());
      assertThat(injector.getInstance(ClientStore.class)).isSameAs(stores.clients());
      assertThat(injector.getInstance(ConsentStore.class)).isSameAs(stores.consents());
      assertThat(injector.getInstance(DeviceGrantStore.class)).isSameAs(stores.deviceGrants());
      assertThat(injector.getInstance(InteractionStore.class)).isSameAs(stores.interactions());
      assertThat(injector.getInstance(UserStore.class).list(0, 10)).isEmpty();
    } finally {
      stores.close();
    }
  }

  @Test
  void withoutAClockAndAPolicy_injectorCreationNamesWhatIsMissing() {
    assertThatThrownBy(
            () -> TestModule.strictInjector(new JdbcStoreModule(TestDatabase.h2Settings())))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining("java.time.Clock")
        .hasMessageContaining("LockoutPolicy");
  }

  @Test
  void configure_onlyDeclaresBindings_andOpensNoConnection() {
    JdbcStoreSettings unreachable =
        JdbcStoreSettings.forUrl("jdbc:postgresql://127.0.0.1:1/auth", "u", "p")
            .withConnectionTimeout(Duration.ofMillis(250));

    // Recording the module's bindings runs configure(): it must not touch the database.
    assertThat(Elements.getElements(new JdbcStoreModule(unreachable))).isNotEmpty();
    // Building the injector provides the stores, and that fails closed with the cause.
    assertThatThrownBy(() -> TestModule.strictInjector(core, new JdbcStoreModule(unreachable)))
        .isInstanceOf(CreationException.class)
        .hasMessageContaining(ServiceUnavailableException.class.getSimpleName())
        .hasMessageContaining("Connection to 127.0.0.1:1 refused")
        .hasMessageContaining("auth.store.jdbc.pool-size=10");
  }

  @Test
  void fromConfig_buildsTheStoresFromAuthStoreJdbcSettings() {
    String url = TestDatabase.h2Settings().url();
    Injector injector =
        TestModule.strictInjector(
            core,
            JdbcStoreModule.fromConfig(
                dev.portcullis.auth.core.settings.AuthConfig.load(
                    "auth.store.jdbc { url = \""
                        + url
                        + "\", username = sa, migrate-on-start = true, purge-interval = 0 }",
                    java.util.Map.of())));
    try {
      assertThat(injector.getInstance(JdbcStoreSettings.class).url()).isEqualTo(url);
      assertThat(injector.getInstance(SessionStore.class).find("s1")).isEmpty();
    } finally {
      injector.getInstance(JdbcStores.class).close();
    }
  }

  @Test
  void withTheApplicationsDataSource_closingTheStoresLeavesItOpen() throws Exception {
    JdbcStoreSettings settings = TestDatabase.h2Settings();
    try (HikariDataSource dataSource = TestDatabase.pool(settings, 2)) {
      Injector injector =
          TestModule.strictInjector(core, new JdbcStoreModule(dataSource, settings));
      injector.getInstance(JdbcStores.class).close();

      assertThat(dataSource.isClosed()).isFalse();
      try (Connection c = dataSource.getConnection()) {
        assertThat(c.isValid(1)).isTrue();
      }
    }
  }

  @Test
  void close_stopsTheScheduledPurgeThread() {
    Injector injector =
        TestModule.strictInjector(
            core,
            new JdbcStoreModule(TestDatabase.h2Settings().withPurgeInterval(Duration.ofHours(1))));
    JdbcStores stores = injector.getInstance(JdbcStores.class);
    assertThat(purgeThreads()).hasSize(1);

    stores.close();

    assertThat(purgeThreads()).isEmpty();
  }

  private static List<Thread> purgeThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("portcullis-jdbc-purge-") && t.isAlive())
        .toList();
  }
}
