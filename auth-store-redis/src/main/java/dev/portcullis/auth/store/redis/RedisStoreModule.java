package dev.portcullis.auth.store.redis;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Binds the hot, short-lived store ports ({@link LoginAttemptTracker}, {@link RateLimiter}, {@link
 * TokenBlacklist}, {@link SingleUseStore}, {@link AuthorizationCodeStore}, {@link
 * DeviceGrantStore}) to Redis, and {@link RedisStores}, whose {@link RedisStores#close()} is the
 * one shutdown hook. Users, sessions, clients, consents, reset tokens and audit need a durable,
 * listable store: combine this module with {@code JdbcStoreModule} through {@link #over(Module)}.
 *
 * <p>{@code configure()} only declares bindings: the connection opens when {@link RedisStores} is
 * provided, eagerly in {@code Stage.PRODUCTION}. Needs a {@link Clock} and a {@link LockoutPolicy}
 * bound elsewhere ({@code AuthModule} binds both). Works with {@code requireExplicitBindings()}.
 */
public final class RedisStoreModule extends AbstractModule {
  private final RedisStoreSettings settings;

  /**
   * Stores on the Redis of {@code settings}.
   *
   * @throws ConfigurationException if {@code settings} have no URL
   */
  public RedisStoreModule(RedisStoreSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    if (!settings.hasUrl()) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  RedisStoreSettings.URL,
                  SettingsReader.environmentVariable(RedisStoreSettings.URL),
                  "is not set.",
                  "Set it to the Redis URL, for example redis://redis.internal:6379/0 or"
                      + " rediss://redis.internal:6380/0 for TLS.")));
    }
  }

  /**
   * Stores on the Redis of {@code auth.store.redis.*} of the settings read once.
   *
   * @throws ConfigurationException if no URL is set
   */
  public RedisStoreModule(PortcullisSettings settings) {
    this(settings.get(RedisStoreSettings.class));
  }

  /**
   * {@code durable} (a store module binding every port, such as {@code JdbcStoreModule}) with the
   * ports of this module taken from Redis instead: {@code Modules.override(durable).with(this)}.
   * The durable module's providers of the replaced ports are never called.
   */
  public Module over(Module durable) {
    return Modules.override(Objects.requireNonNull(durable, "durable")).with(this);
  }

  @Override
  protected void configure() {
    requireBinding(Clock.class);
    requireBinding(LockoutPolicy.class);
    bind(RedisStoreSettings.class).toInstance(settings);
  }

  @Provides
  @Singleton
  RedisStores stores(RedisStoreSettings settings, Clock clock, LockoutPolicy policy) {
    return RedisStores.open(settings, clock, policy);
  }

  @Provides
  @Singleton
  LoginAttemptTracker loginAttempts(RedisStores stores) {
    return stores.loginAttempts();
  }

  @Provides
  @Singleton
  RateLimiter rateLimiter(RedisStores stores) {
    return stores.rateLimiter();
  }

  @Provides
  @Singleton
  TokenBlacklist blacklist(RedisStores stores) {
    return stores.blacklist();
  }

  @Provides
  @Singleton
  SingleUseStore singleUse(RedisStores stores) {
    return stores.singleUse();
  }

  @Provides
  @Singleton
  AuthorizationCodeStore authorizationCodes(RedisStores stores) {
    return stores.authorizationCodes();
  }

  @Provides
  @Singleton
  DeviceGrantStore deviceGrants(RedisStores stores) {
    return stores.deviceGrants();
  }
}
