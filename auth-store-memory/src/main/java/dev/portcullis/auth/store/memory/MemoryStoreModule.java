package dev.portcullis.auth.store.memory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
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
import java.time.Clock;
import java.util.Objects;

/**
 * Binds every store port to its in-memory adapter, as singletons: {@link UserStore}, {@link
 * SessionStore}, {@link LoginAttemptTracker}, {@link TokenBlacklist}, {@link RateLimiter}, {@link
 * ResetTokenStore}, {@link AuditStore}, {@link SingleUseStore}, {@link AuthorizationCodeStore},
 * {@link ClientStore}, {@link ConsentStore}, {@link DeviceGrantStore}, {@link InteractionStore},
 * {@link FactorStore}, {@link RecoveryCodeStore} and {@link MfaChallengeStore}.
 *
 * <p>It needs {@link Clock} and {@link LockoutPolicy}, which {@code AuthModule} binds (a test binds
 * its own). It creates no thread or connection, works in {@code Stage.PRODUCTION} with {@code
 * requireExplicitBindings()}, and its state lives only as long as the injector: for one process,
 * development and tests.
 */
public final class MemoryStoreModule extends AbstractModule {

  private final MemoryStoreSettings settings;

  /** The module with the bounds of {@code auth.store.memory}, from the settings read once. */
  public MemoryStoreModule(PortcullisSettings settings) {
    this(settings.get(MemoryStoreSettings.class));
  }

  /**
   * The module with the given bounds, for example {@code MemoryStoreSettings.defaults()} (those of
   * {@code reference.conf}).
   */
  public MemoryStoreModule(MemoryStoreSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  @Provides
  @Singleton
  UserStore userStore() {
    return MemoryStores.userStore(settings);
  }

  @Provides
  @Singleton
  SessionStore sessionStore(Clock clock) {
    return MemoryStores.sessionStore(clock, settings);
  }

  @Provides
  @Singleton
  LoginAttemptTracker loginAttemptTracker(LockoutPolicy policy, Clock clock) {
    return MemoryStores.loginAttemptTracker(policy, clock, settings);
  }

  @Provides
  @Singleton
  TokenBlacklist tokenBlacklist(Clock clock) {
    return MemoryStores.tokenBlacklist(clock, settings);
  }

  @Provides
  @Singleton
  RateLimiter rateLimiter(Clock clock) {
    return MemoryStores.rateLimiter(clock, settings);
  }

  @Provides
  @Singleton
  ResetTokenStore resetTokenStore(Clock clock) {
    return MemoryStores.resetTokenStore(clock, settings);
  }

  @Provides
  @Singleton
  AuditStore auditStore() {
    return MemoryStores.auditStore(settings);
  }

  // ---- single-use keys and authorization codes (OAuth)

  @Provides
  @Singleton
  SingleUseStore singleUseStore(Clock clock) {
    return MemoryStores.singleUseStore(clock, settings);
  }

  @Provides
  @Singleton
  AuthorizationCodeStore authorizationCodeStore(Clock clock) {
    return MemoryStores.authorizationCodeStore(clock, settings);
  }

  // ---- OAuth stores

  @Provides
  @Singleton
  ClientStore clientStore() {
    return MemoryStores.clientStore();
  }

  @Provides
  @Singleton
  ConsentStore consentStore() {
    return MemoryStores.consentStore();
  }

  @Provides
  @Singleton
  DeviceGrantStore deviceGrantStore(Clock clock) {
    return MemoryStores.deviceGrantStore(clock, settings);
  }

  @Provides
  @Singleton
  InteractionStore interactionStore(Clock clock) {
    return MemoryStores.interactionStore(clock, settings);
  }

  // ---- second factors

  @Provides
  @Singleton
  FactorStore factorStore() {
    return MemoryStores.factorStore(settings);
  }

  @Provides
  @Singleton
  RecoveryCodeStore recoveryCodeStore() {
    return MemoryStores.recoveryCodeStore(settings);
  }

  @Provides
  @Singleton
  MfaChallengeStore mfaChallengeStore() {
    return MemoryStores.mfaChallengeStore(settings);
  }
}
