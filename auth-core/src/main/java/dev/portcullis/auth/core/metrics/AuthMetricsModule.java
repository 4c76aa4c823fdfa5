package dev.portcullis.auth.core.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.core.event.AuditTrail;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.settings.AuthSettings;

/**
 * Wires {@link AuthMetrics} next to {@code AuthModule}: one {@link AuthMetrics} singleton, added to
 * the {@link AuthEventListener} set, and the {@code auth.hashing} hasher timed by it (through
 * {@code OptionalBinder.setBinding()}; an application with a hasher of its own wraps it with {@link
 * AuthMetrics#timed(PasswordHasher)} instead of installing this module twice over it). Publish the
 * meters with {@code injector.getInstance(AuthMetrics.class).bindTo(registry)}, and wrap the {@code
 * TokenService} you verify with, {@link AuthMetrics#timed(dev.portcullis.auth.api.TokenService)},
 * for the token metrics. Declares bindings only.
 */
public final class AuthMetricsModule extends AbstractModule {
  private static final String TIMED = "portcullis.metrics";

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), AuthEventListener.class).addBinding().to(AuthMetrics.class);
    OptionalBinder.newOptionalBinder(binder(), PasswordHasher.class)
        .setBinding()
        .to(Key.get(PasswordHasher.class, Names.named(TIMED)));
  }

  @Provides
  @Singleton
  AuthMetrics metrics(AuditTrail audit) {
    AuthMetrics metrics = new AuthMetrics();
    metrics.monitor(audit);
    return metrics;
  }

  @Provides
  @Singleton
  @Named(TIMED)
  PasswordHasher timedHasher(AuthSettings auth, AuthMetrics metrics) {
    return metrics.timed(PasswordHashers.create(auth.hashing()));
  }
}
