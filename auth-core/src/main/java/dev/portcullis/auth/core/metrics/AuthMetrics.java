package dev.portcullis.auth.core.metrics;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.event.AuthEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.Locale;

/**
 * The framework's metrics, as a Micrometer {@link MeterBinder}: bind it to your registry ({@code
 * metrics.bindTo(registry)}, or let Spring Boot bind every {@code MeterBinder} bean) and feed it by
 * registering it as an {@link AuthEventListener} and wrapping the hasher and the token service with
 * {@link #timed(PasswordHasher)} and {@link #timed(TokenService)}; {@link AuthMetricsModule} does
 * all three for a Guice application. Meters:
 *
 * <ul>
 *   <li>{@code portcullis.logins} (counter) by {@code outcome}: {@code success} or the error the
 *       caller got;
 *   <li>{@code portcullis.lockouts} (counter): identifiers locked after too many failures;
 *   <li>{@code portcullis.events} (counter) by {@code type}: every other auth event;
 *   <li>{@code portcullis.password.hash} (timer) by {@code operation} ({@code hash}, {@code
 *       verify}): what hashing costs, the usual cause of slow logins;
 *   <li>{@code portcullis.token.verify} (timer) and {@code portcullis.token.verifications}
 *       (counter) by {@code outcome} ({@code valid} or the error code).
 * </ul>
 *
 * <p>A label never tells more than the answer did: an unknown identifier, a disabled account and a
 * wrong password are one outcome, {@code invalid_credentials}, as they are one error, or two
 * scrapes around a login attempt would tell whether the account exists. No label carries an
 * identifier, address or token.
 *
 * <p>Meters exist from construction and are recorded before or after binding (what happens before
 * is not kept); bind to several registries at will. Thread-safe.
 */
public final class AuthMetrics implements MeterBinder, AuthEventListener {

  // Meters live here and are copied into every registry bound: recording needs no registry.
  private final CompositeMeterRegistry meters = new CompositeMeterRegistry();
  private final Counter lockouts;
  private final Timer hash;
  private final Timer verifyHash;
  private final Timer verifyToken;

  /** Metrics bound to no registry yet. */
  public AuthMetrics() {
    this.lockouts =
        Counter.builder("portcullis.lockouts")
            .description("Identifiers locked after too many failed logins")
            .register(meters);
    this.hash = hashTimer("hash");
    this.verifyHash = hashTimer("verify");
    this.verifyToken =
        Timer.builder("portcullis.token.verify")
            .description("Time spent verifying access tokens")
            .register(meters);
    logins("success");
    logins("invalid_credentials");
    verifications("valid");
  }

  /** Adds {@code registry} to the registries these meters are published to. */
  @Override
  public void bindTo(MeterRegistry registry) {
    meters.add(registry);
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
          .register(meters)
          .increment();
    }
  }

  /** {@code hasher}, with every hash and verification timed ({@code portcullis.password.hash}). */
  public PasswordHasher timed(PasswordHasher hasher) {
    return new TimedPasswordHasher(hasher, hash, verifyHash);
  }

  /**
   * {@code tokens}, with every {@link TokenService#verify} timed ({@code portcullis.token.verify})
   * and counted by outcome ({@code portcullis.token.verifications}).
   */
  public TokenService timed(TokenService tokens) {
    return new TimedTokenService(tokens, verifyToken, this::verifications);
  }

  /** The outcome label of a failed login: the error the caller got, never the reason behind it. */
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
        .register(meters);
  }

  private Counter verifications(String outcome) {
    return Counter.builder("portcullis.token.verifications")
        .description("Access token verifications by outcome")
        .tag("outcome", outcome)
        .register(meters);
  }

  private Timer hashTimer(String operation) {
    return Timer.builder("portcullis.password.hash")
        .description("Time spent hashing and verifying passwords")
        .tag("operation", operation)
        .register(meters);
  }
}
