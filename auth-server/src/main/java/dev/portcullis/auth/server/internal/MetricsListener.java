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
 * the failure as the caller sees it), {@code portcullis.lockouts}, and {@code portcullis.events} by
 * {@code type} for everything else. Thread-safe.
 *
 * <p>A label never tells more than the HTTP answer did: an unknown identifier, a disabled account
 * and a wrong password are one outcome, {@code invalid_credentials}, as they are one error, or two
 * scrapes around a login attempt would tell whether the account exists.
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
    logins("invalid_credentials");
  }

  @Override
  public void onEvent(AuthEvent event) {
    if (event instanceof AuthEvent.LoggedIn) {
      logins("success").increment();
    } else if (event instanceof AuthEvent.LoginFailed failed) {
      logins(outcome(failed.reason())).increment();
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

  /** The outcome label of a failure: the error the caller got, never the reason behind it. */
  static String outcome(AuthEvent.FailureReason reason) {
    return switch (reason) {
      case UNKNOWN_IDENTIFIER, WRONG_PASSWORD, ACCOUNT_DISABLED -> "invalid_credentials";
      default -> reason.name().toLowerCase(Locale.ROOT);
    };
  }

  private Counter logins(String outcome) {
    return Counter.builder("portcullis.logins")
        .description("Password logins by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
