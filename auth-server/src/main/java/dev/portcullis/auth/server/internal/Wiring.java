package dev.portcullis.auth.server.internal;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.AuthException;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.event.AuditSettings;
import dev.portcullis.auth.core.mfa.MfaModule;
import dev.portcullis.auth.core.mfa.MfaSettings;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.oauth.OAuthModule;
import dev.portcullis.auth.oauth.OAuthSettings;
import dev.portcullis.auth.server.ServerModule;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.http.OAuthHttpModule;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.store.jdbc.JdbcStoreModule;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;
import dev.portcullis.auth.store.redis.RedisStoreModule;
import dev.portcullis.auth.store.redis.RedisStoreSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every setting of every module once and builds the injector: {@code AuthModule}, {@code
 * JwtModule}, the store module the settings name (JDBC with the hot ports on Redis when {@code
 * auth.store.redis.url} is set), {@link ServerModule}, and with {@code auth.oauth.enabled = true}
 * {@code OAuthModule} and {@link OAuthHttpModule}, in {@code Stage.PRODUCTION} with explicit
 * bindings only.
 */
public final class Wiring {

  private Wiring() {}

  /**
   * Every module's validated settings, read once, as the server uses them.
   *
   * @param auth the core's
   * @param jwt the tokens'
   * @param server the server's
   * @param jdbc the JDBC store's, or null with the memory store
   * @param memory the memory store's, or null with the JDBC store
   * @param oauth the authorization server's, or null when no module on the class path reads them
   *     (then OAuth is off)
   * @param mfa second factors' ({@code auth.mfa}), or null (then MFA is off)
   * @param redis the Redis store's when {@code auth.store.redis.url} is set (with the JDBC store
   *     only), else null
   */
  public record Settings(
      AuthSettings auth,
      JwtSettings jwt,
      ServerSettings server,
      JdbcStoreSettings jdbc,
      MemoryStoreSettings memory,
      OAuthSettings oauth,
      MfaSettings mfa,
      RedisStoreSettings redis) {

    /** Settings without second factors' and Redis (MFA off, no Redis). */
    public Settings(
        AuthSettings auth,
        JwtSettings jwt,
        ServerSettings server,
        JdbcStoreSettings jdbc,
        MemoryStoreSettings memory,
        OAuthSettings oauth) {
      this(auth, jwt, server, jdbc, memory, oauth, null, null);
    }

    /** Settings without the authorization server's. */
    public Settings(
        AuthSettings auth,
        JwtSettings jwt,
        ServerSettings server,
        JdbcStoreSettings jdbc,
        MemoryStoreSettings memory) {
      this(auth, jwt, server, jdbc, memory, null, null, null);
    }

    /** These settings with the token settings replaced. */
    public Settings withJwt(JwtSettings jwt) {
      return new Settings(auth, jwt, server, jdbc, memory, oauth, mfa, redis);
    }

    /** These settings with the JDBC store's replaced. */
    public Settings withJdbc(JdbcStoreSettings jdbc) {
      return new Settings(auth, jwt, server, jdbc, memory, oauth, mfa, redis);
    }

    /** These settings with the authorization server's replaced. */
    public Settings withOAuth(OAuthSettings oauth) {
      return new Settings(auth, jwt, server, jdbc, memory, oauth, mfa, redis);
    }

    /** These settings with second factors' replaced. */
    public Settings withMfa(MfaSettings mfa) {
      return new Settings(auth, jwt, server, jdbc, memory, oauth, mfa, redis);
    }

    /** These settings with the Redis store's replaced (null: no Redis). */
    public Settings withRedis(RedisStoreSettings redis) {
      return new Settings(auth, jwt, server, jdbc, memory, oauth, mfa, redis);
    }

    /** Whether the server is an OAuth authorization server ({@code auth.oauth.enabled}). */
    public boolean oauthEnabled() {
      return oauth != null && oauth.enabled();
    }
  }

  /**
   * Reads every module's settings from {@code config} once ({@link PortcullisSettings#load}).
   *
   * @throws ConfigurationException listing every problem of every module once
   */
  public static Settings settings(Config config) {
    return settings(PortcullisSettings.load(config));
  }

  /**
   * As {@link #settings(Config)}, with {@code environment} as the variables that settings name
   * ({@link PortcullisSettings#load(Config, java.util.Map)}).
   *
   * @throws ConfigurationException listing every problem of every module once
   */
  public static Settings settings(Config config, java.util.Map<String, String> environment) {
    return settings(PortcullisSettings.load(config, environment));
  }

  /**
   * The areas of {@code all} that the server uses: the store's that {@code auth.server.store}
   * names, and Redis's when {@code auth.store.redis.url} is set.
   *
   * @throws ConfigurationException if {@code auth.store.redis.url} is set with the memory store:
   *     Redis shares lockouts, rate limits and revocations between instances, which the memory
   *     store's users and sessions, held by one process, cannot be
   */
  public static Settings settings(PortcullisSettings all) {
    ServerSettings server = all.get(ServerSettings.class);
    boolean memory = server.store() == ServerSettings.Store.MEMORY;
    RedisStoreSettings redis =
        all.find(RedisStoreSettings.class).filter(RedisStoreSettings::hasUrl).orElse(null);
    if (memory && redis != null) {
      throw new ConfigurationException(List.of(redisWithMemoryStore()));
    }
    // The server writes the audit trail off the request path unless auth.audit.mode says otherwise;
    // PortcullisServer.stop() writes the queue out before the stores close.
    AuthSettings core = all.core().withAudit(all.core().audit().resolve(AuditSettings.Mode.QUEUED));
    return new Settings(
        core,
        all.get(JwtSettings.class),
        server,
        memory ? null : all.get(JdbcStoreSettings.class),
        memory ? all.get(MemoryStoreSettings.class) : null,
        all.find(OAuthSettings.class).orElse(null),
        all.find(MfaSettings.class).orElse(null),
        redis);
  }

  /** The refusal of Redis next to the memory store, naming both settings. */
  static ConfigProblem redisWithMemoryStore() {
    return new ConfigProblem(
        RedisStoreSettings.URL,
        SettingsReader.environmentVariable(RedisStoreSettings.URL),
        "is set, but auth.server.store (env AUTH_SERVER_STORE) is memory: Redis shares lockouts,"
            + " rate limits and revocations between instances, while the memory store keeps users"
            + " and sessions inside one process.",
        "Set AUTH_SERVER_STORE=jdbc with AUTH_STORE_JDBC_URL (PostgreSQL) for a fleet, or unset"
            + " AUTH_STORE_REDIS_URL for a single instance on the memory store.");
  }

  /** {@code settings} for a short-lived admin command: a small pool and no purge thread. */
  public static Settings forTool(Settings settings) {
    // A command's events are written before it returns: no writer thread to outlive it.
    AuditSettings audit = settings.auth().audit();
    Settings tool =
        new Settings(
            settings
                .auth()
                .withAudit(
                    new AuditSettings(
                        AuditSettings.Mode.SYNCHRONOUS,
                        audit.queueCapacity(),
                        audit.batchSize(),
                        audit.maxWait())),
            settings.jwt(),
            settings.server(),
            settings.jdbc(),
            settings.memory(),
            settings.oauth(),
            settings.mfa(),
            settings.redis());
    return tool.jdbc() == null
        ? tool
        : tool.withJdbc(tool.jdbc().withPoolSize(2).withPurgeInterval(Duration.ZERO));
  }

  /**
   * The injector of the service.
   *
   * @param clock replaces the system clock when not null (tests)
   * @param overrides replace bindings of the standard modules when not null (tests)
   * @throws ConfigurationException for wiring problems (for example a missing notification sender
   *     in production)
   * @throws dev.portcullis.auth.api.error.ServiceUnavailableException when the database cannot be
   *     reached or its schema is outdated
   */
  public static Injector injector(
      Settings settings, Clock clock, RequestLog requestLog, Module overrides) {
    List<Module> modules = new ArrayList<>();
    modules.add(
        new AbstractModule() {
          @Override
          protected void configure() {
            binder().requireExplicitBindings();
            binder().disableCircularProxies();
            binder().requireAtInjectOnConstructors();
            if (clock != null) {
              OptionalBinder.newOptionalBinder(binder(), Clock.class)
                  .setBinding()
                  .toInstance(clock);
            }
          }
        });
    modules.add(new AuthModule(settings.auth()));
    modules.add(new JwtModule(settings.jwt()));
    modules.add(storeModule(settings));
    modules.add(new ServerModule(settings.server(), requestLog));
    // Second factors (issue 16): bound always, so that login asks MfaService; off unless
    // auth.mfa.enabled.
    modules.add(new MfaModule(settings.mfa() != null ? settings.mfa() : MfaSettings.disabled()));
    if (settings.oauthEnabled()) {
      // The authorization server's use cases and their routes (issue 13).
      modules.add(new OAuthModule(settings.oauth()));
      modules.add(new OAuthHttpModule());
    }
    Module all = Modules.combine(modules);
    if (overrides != null) {
      all = Modules.override(all).with(overrides);
    }
    try {
      return Guice.createInjector(Stage.PRODUCTION, all);
    } catch (CreationException e) {
      throw unwrap(e.getErrorMessages(), e);
    } catch (ProvisionException e) {
      throw unwrap(e.getErrorMessages(), e);
    }
  }

  /**
   * The store module: JDBC, with the six hot ports on Redis when it is set ({@code
   * RedisStoreModule.over}), or memory.
   */
  private static Module storeModule(Settings settings) {
    if (settings.jdbc() == null) {
      return new MemoryStoreModule(settings.memory());
    }
    JdbcStoreModule jdbc = new JdbcStoreModule(settings.jdbc());
    return settings.redis() == null ? jdbc : new RedisStoreModule(settings.redis()).over(jdbc);
  }

  /** The first Portcullis error behind Guice's wrapping, so its message names the cause. */
  private static RuntimeException unwrap(
      java.util.Collection<Message> messages, RuntimeException original) {
    for (Message m : messages) {
      for (Throwable t = m.getCause(); t != null; t = t.getCause()) {
        if (t instanceof AuthException ae) {
          return ae;
        }
      }
    }
    return original;
  }
}
