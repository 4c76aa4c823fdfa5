package dev.portcullis.auth.server;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.portcullis.auth.api.NotificationSender;
import dev.portcullis.auth.core.metrics.AuthMetrics;
import dev.portcullis.auth.core.metrics.AuthMetricsModule;
import dev.portcullis.auth.server.http.HttpApi;
import dev.portcullis.auth.server.http.HttpModule;
import dev.portcullis.auth.server.http.RequestLog;
import dev.portcullis.auth.server.internal.HealthChecks;
import dev.portcullis.auth.server.internal.Notifications;
import dev.portcullis.auth.store.redis.RedisStores;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * What the server adds to {@code AuthModule}, {@code JwtModule} and a store module: {@link
 * ServerSettings}, the HTTP API ({@link HttpApi}, not a singleton, created only when serving), a
 * Prometheus {@link MeterRegistry} with the core's {@link AuthMetrics} bound to it ({@link
 * AuthMetricsModule}: an event listener and a timed hasher, through the core's extension points),
 * the notification webhook and health checks. The HTTP API's route groups are a {@code Multibinder}
 * of {@link dev.portcullis.auth.server.http.RouteGroup} ({@link HttpModule}); the use cases they
 * call come from the core and {@code JwtModule}.
 *
 * <p>{@link #configure()} only declares bindings; it works in {@code Stage.PRODUCTION} with {@code
 * requireExplicitBindings()}.
 */
public final class ServerModule extends AbstractModule {
  private static final String SERVER = "portcullis.server";

  private final ServerSettings settings;
  private final RequestLog requestLog;

  /** The module for {@code settings}, logging requests to SLF4J. */
  public ServerModule(ServerSettings settings) {
    this(settings, RequestLog.slf4j());
  }

  /** The module for {@code settings}, writing the request log to {@code requestLog}. */
  public ServerModule(ServerSettings settings, RequestLog requestLog) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.requestLog = Objects.requireNonNull(requestLog, "requestLog");
  }

  @Override
  protected void configure() {
    bind(ServerSettings.class).toInstance(settings);
    bind(RequestLog.class).toInstance(requestLog);
    // The framework's metrics, as any Guice application gets them: the same AuthMetrics, fed by
    // the events and the timed auth.hashing hasher; published to Prometheus below.
    install(new AuthMetricsModule());
    bind(Notifications.class);
    OptionalBinder.newOptionalBinder(binder(), NotificationSender.class)
        .setBinding()
        .to(Key.get(NotificationSender.class, Names.named(SERVER)));
    // Present when RedisStoreModule binds RedisStores (auth.store.redis.url set): readiness checks
    // it.
    OptionalBinder.newOptionalBinder(binder(), RedisStores.class);
    bind(HealthChecks.class);
    install(new HttpModule());
  }

  @Provides
  @Singleton
  PrometheusMeterRegistry prometheus(AuthMetrics metrics) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    metrics.bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  @Provides
  MeterRegistry meterRegistry(PrometheusMeterRegistry registry) {
    return registry;
  }

  @Provides
  @Named(SERVER)
  NotificationSender notificationSender(Notifications notifications) {
    return notifications.sender();
  }
}
