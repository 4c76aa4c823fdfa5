package dev.portcullis.auth.store.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Binds every store port ({@link UserStore}, {@link SessionStore}, {@link LoginAttemptTracker},
 * {@link TokenBlacklist}, {@link RateLimiter}, {@link ResetTokenStore}, {@link AuditStore}, {@link
 * SingleUseStore}, {@link AuthorizationCodeStore}, {@link ClientStore}, {@link ConsentStore},
 * {@link DeviceGrantStore}, {@link InteractionStore}) to the JDBC adapters, and {@link JdbcStores},
 * whose {@link JdbcStores#close()} is the one shutdown hook (it stops the purge and closes the
 * pool).
 *
 * <p>{@code configure()} only declares bindings: the pool, the schema check (or migration) and the
 * purge scheduler start when {@link JdbcStores} is provided, eagerly in {@code Stage.PRODUCTION}.
 * Needs a {@link Clock} and a {@link LockoutPolicy} bound elsewhere ({@code AuthModule} binds
 * both). Works with {@code requireExplicitBindings()}.
 */
public final class JdbcStoreModule extends AbstractModule {
  private final JdbcStoreSettings settings;
  private final DataSource dataSource;

  /**
   * Stores on a HikariCP pool built from {@code settings}.
   *
   * @throws ConfigurationException if {@code settings} have no URL
   */
  public JdbcStoreModule(JdbcStoreSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.dataSource = null;
    if (!settings.hasUrl()) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  JdbcStoreSettings.URL,
                  SettingsReader.environmentVariable(JdbcStoreSettings.URL),
                  "is not set.",
                  "Set it to the database's JDBC URL, for example"
                      + " jdbc:postgresql://db.internal:5432/auth, or give JdbcStoreModule a"
                      + " DataSource.")));
    }
  }

  /**
   * Stores on a HikariCP pool built from {@code auth.store.jdbc.*} of the settings read once.
   *
   * @throws ConfigurationException if no URL is set
   */
  public JdbcStoreModule(PortcullisSettings settings) {
    this(settings.get(JdbcStoreSettings.class));
  }

  /**
   * Stores on the application's {@code dataSource}, which stays the application's to close; of
   * {@code settings} only schema, purge interval, audit retention and migrate-on-start apply.
   */
  public JdbcStoreModule(DataSource dataSource, JdbcStoreSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Stores configured by {@code auth.store.jdbc.*} of {@code config}, read once.
   *
   * @throws dev.portcullis.auth.api.error.ConfigurationException listing every invalid setting
   */
  public static JdbcStoreModule fromConfig(Config config) {
    return new JdbcStoreModule(JdbcStoreSettings.fromConfig(config));
  }

  @Override
  protected void configure() {
    requireBinding(Clock.class);
    requireBinding(LockoutPolicy.class);
    bind(JdbcStoreSettings.class).toInstance(settings);
  }

  @Provides
  @Singleton
  JdbcStores stores(JdbcStoreSettings settings, Clock clock, LockoutPolicy policy) {
    return dataSource == null
        ? JdbcStores.open(settings, clock, policy)
        : JdbcStores.open(dataSource, settings, clock, policy);
  }

  @Provides
  @Singleton
  UserStore users(JdbcStores stores) {
    return stores.users();
  }

  @Provides
  @Singleton
  SessionStore sessions(JdbcStores stores) {
    return stores.sessions();
  }

  @Provides
  @Singleton
  LoginAttemptTracker loginAttempts(JdbcStores stores) {
    return stores.loginAttempts();
  }

  @Provides
  @Singleton
  TokenBlacklist blacklist(JdbcStores stores) {
    return stores.blacklist();
  }

  @Provides
  @Singleton
  RateLimiter rateLimiter(JdbcStores stores) {
    return stores.rateLimiter();
  }

  @Provides
  @Singleton
  ResetTokenStore resetTokens(JdbcStores stores) {
    return stores.resetTokens();
  }

  @Provides
  @Singleton
  AuditStore audit(JdbcStores stores) {
    return stores.audit();
  }

  // ---- single-use keys and authorization codes (OAuth)

  @Provides
  @Singleton
  SingleUseStore singleUse(JdbcStores stores) {
    return stores.singleUse();
  }

  @Provides
  @Singleton
  AuthorizationCodeStore authorizationCodes(JdbcStores stores) {
    return stores.authorizationCodes();
  }

  // ---- OAuth stores

  @Provides
  @Singleton
  ClientStore clients(JdbcStores stores) {
    return stores.clients();
  }

  @Provides
  @Singleton
  ConsentStore consents(JdbcStores stores) {
    return stores.consents();
  }

  @Provides
  @Singleton
  DeviceGrantStore deviceGrants(JdbcStores stores) {
    return stores.deviceGrants();
  }

  @Provides
  @Singleton
  InteractionStore interactions(JdbcStores stores) {
    return stores.interactions();
  }

  // ---- second factors

  @Provides
  @Singleton
  FactorStore factors(JdbcStores stores) {
    return stores.factors();
  }

  @Provides
  @Singleton
  RecoveryCodeStore recoveryCodes(JdbcStores stores) {
    return stores.recoveryCodes();
  }

  @Provides
  @Singleton
  MfaChallengeStore mfaChallenges(JdbcStores stores) {
    return stores.mfaChallenges();
  }
}
