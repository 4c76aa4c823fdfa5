package dev.portcullis.auth.server.internal;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.event.AuthEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * Turns auth events into counters: {@code portcullis.logins} by {@code outcome} ({@code success} or
 * the failure reason), {@code portcullis.lockouts}, and {@code portcullis.events} by {@code type}
 * for everything else. Thread-safe.
 */
@Singleton
public final class MetricsListener implements AuthEventListener {

  private final MeterRegistry registry;
  private final Counter lockouts;

  @Inject
  public MetricsListener(MeterRegistry registry) {
    this.registry = registry;
    this.lockouts =
        Counter.builder("portcullis.lockouts")
            .description("Identifiers locked after too many failed logins")
            .register(registry);
    logins("success");
  }

  @Override
  public void onEvent(AuthEvent event) {
    if (event instanceof AuthEvent.LoggedIn) {
      logins("success").increment();
    } else if (event instanceof AuthEvent.LoginFailed failed) {
      logins(failed.reason().name().toLowerCase(Locale.ROOT)).increment();
    } else if (event instanceof AuthEvent.LockedOut) {
      lockouts.increment();
    } else {
      Counter.builder("portcullis.events")
          .description("Authentication events other than logins, by type")
          .tag("type", event.type())
          .register(registry)
          .increment();
    }
  }

  private Counter logins(String outcome) {
    return Counter.builder("portcullis.logins")
        .description("Password logins by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
