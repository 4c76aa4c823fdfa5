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
import com.typesafe.config.ConfigFactory;
import dev.portcullis.auth.api.error.AuthException;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.AuthModule;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.jwt.JwtModule;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.server.ServerModule;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.store.jdbc.JdbcStoreModule;
import dev.portcullis.auth.store.jdbc.JdbcStoreSettings;
import dev.portcullis.auth.store.memory.MemoryStoreModule;
import dev.portcullis.auth.store.memory.MemoryStoreSettings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Validates every setting of every module at once and builds the injector: {@code AuthModule},
 * {@code JwtModule}, the store module the settings name, and {@link ServerModule}, in {@code
 * Stage.PRODUCTION} with explicit bindings only.
 */
public final class Wiring {

  private Wiring() {}

  /**
   * Every module's validated settings.
   *
   * @param auth the core's
   * @param jwt the tokens'
   * @param server the server's
   * @param jdbc the JDBC store's, or null with the memory store
   * @param memory the memory store's, or null with the JDBC store
   */
  public record Settings(
      AuthSettings auth,
      JwtSettings jwt,
      ServerSettings server,
      JdbcStoreSettings jdbc,
      MemoryStoreSettings memory) {}

  /**
   * Reads every module's settings from {@code config} and reports every problem of every module in
   * one exception.
   *
   * @throws ConfigurationException listing each problem once
   */
  public static Settings settings(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();
    // AuthSettings.load also runs the token and server sections (SettingsSection), so most
    // problems arrive twice below: they are reported once.
    AuthSettings auth = capture(problems, () -> AuthSettings.load(config));
    JwtSettings jwt = capture(problems, () -> JwtSettings.load(config));
    ServerSettings server = capture(problems, () -> ServerSettings.load(config));
    JdbcStoreSettings jdbc = null;
    MemoryStoreSettings memory = null;
    boolean memoryStore =
        server != null
            ? server.store() == ServerSettings.Store.MEMORY
            : config.hasPath("auth.server.store")
                && "memory".equalsIgnoreCase(config.getString("auth.server.store").trim());
    if (memoryStore) {
      memory = capture(problems, () -> MemoryStoreSettings.fromConfig(config));
    } else {
      jdbc = capture(problems, () -> JdbcStoreSettings.fromConfig(config));
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(dedupe(problems));
    }
    return new Settings(auth, jwt, server, jdbc, memory);
  }

  /** {@code config} for a short-lived admin command: a small pool and no purge thread. */
  public static Config forTool(Config config) {
    return ConfigFactory.parseMap(
            Map.of("auth.store.jdbc.pool-size", 2, "auth.store.jdbc.purge-interval", "0s"),
            "admin command")
        .withFallback(config);
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
    modules.add(
        settings.jdbc() != null
            ? new JdbcStoreModule(settings.jdbc())
            : new MemoryStoreModule(settings.memory()));
    modules.add(new ServerModule(settings.server(), requestLog));
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

  private static <T> T capture(List<ConfigProblem> problems, Supplier<T> read) {
    try {
      return read.get();
    } catch (ConfigurationException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static List<ConfigProblem> dedupe(List<ConfigProblem> problems) {
    Map<String, ConfigProblem> unique = new LinkedHashMap<>();
    for (ConfigProblem p : problems) {
      unique.putIfAbsent(p.describe(), p);
    }
    return List.copyOf(unique.values());
  }
}
