package dev.portcullis.auth.core.metrics;

import dev.portcullis.auth.api.AuthEventListener;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.TokenService;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.core.event.AuditTrail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

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
 *       (counter) by {@code outcome} ({@code valid} or the error code);
 *   <li>{@code portcullis.audit.failed}, {@code portcullis.audit.overflow} (counters) and {@code
 *       portcullis.audit.queued} (gauge), once {@link #monitor(AuditTrail)} was called.
 * </ul>
 *
 * <p>A label never tells more than the answer did: an unknown identifier, a disabled account and a
 * wrong password are one outcome, {@code invalid_credentials}, as they are one error, or two
 * scrapes around a login attempt would tell whether the account exists. No label carries an
 * identifier, address or token.
 *
 * <p>Records go to every registry bound so far (what happens before the first binding is not kept);
 * bind to several registries at will. Thread-safe.
 */
public final class AuthMetrics implements MeterBinder, AuthEventListener {

  // Every registry bound; each record goes to each. (Not a CompositeMeterRegistry: adding a
  // registry to one that already holds meters logs a warning at every start.)
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  // The meters of the hot paths (every token verification, every hash), looked up once per
  // registry: building a meter and registering it again costs more than a cached verification.
  private final List<HotMeters> hot = new CopyOnWriteArrayList<>();

  /** One registry's timers and verification counters, the latter by outcome as they occur. */
  private record HotMeters(
      MeterRegistry registry,
      Timer verify,
      Timer hash,
      Timer hashVerify,
      Map<String, Counter> verifications) {

    Counter verification(String outcome) {
      return verifications.computeIfAbsent(outcome, o -> AuthMetrics.verifications(registry, o));
    }
  }

  private volatile AuditTrail audit;

  /** Metrics bound to no registry yet. */
  public AuthMetrics() {}

  /**
   * Also publishes the health of {@code trail}: {@code portcullis.audit.failed} (records the store
   * refused, lost after retries in queued mode), {@code portcullis.audit.overflow} (records written
   * inside the request because the queue stayed full) and {@code portcullis.audit.queued} (records
   * waiting now). {@link AuthMetricsModule} calls it with the injector's trail.
   */
  public void monitor(AuditTrail trail) {
    this.audit = java.util.Objects.requireNonNull(trail, "trail");
    for (MeterRegistry r : registries) {
      auditMeters(r, trail);
    }
  }

  private static void auditMeters(MeterRegistry registry, AuditTrail trail) {
    FunctionCounter.builder("portcullis.audit.failed", trail, AuditTrail::failedRecords)
        .description("Audit records the store refused (queued: lost after retries, and logged)")
        .register(registry);
    FunctionCounter.builder("portcullis.audit.overflow", trail, AuditTrail::overflowWrites)
        .description("Audit records written inside the request because the queue stayed full")
        .register(registry);
    Gauge.builder("portcullis.audit.queued", trail, AuditTrail::queuedRecords)
        .description("Audit records waiting to be written")
        .register(registry);
  }

  /** Adds {@code registry} to the registries these meters are published to. */
  @Override
  public void bindTo(MeterRegistry registry) {
    // Registered at once, so a scrape shows them at zero before anything happened.
    logins(registry, "success");
    logins(registry, "invalid_credentials");
    lockouts(registry);
    hashTimer(registry, "hash");
    hashTimer(registry, "verify");
    verifyTimer(registry);
    verifications(registry, "valid");
    AuditTrail trail = audit;
    if (trail != null) {
      auditMeters(registry, trail);
    }
    registries.add(registry);
    hot.add(
        new HotMeters(
            registry,
            verifyTimer(registry),
            hashTimer(registry, "hash"),
            hashTimer(registry, "verify"),
            new ConcurrentHashMap<>()));
  }

  @Override
  public void onEvent(AuthEvent event) {
    for (MeterRegistry r : registries) {
      if (event instanceof AuthEvent.LoggedIn) {
        logins(r, "success").increment();
      } else if (event instanceof AuthEvent.LoginFailed failed) {
        logins(r, outcome(failed.reason())).increment();
      } else if (event instanceof AuthEvent.LockedOut) {
        lockouts(r).increment();
      } else {
        Counter.builder("portcullis.events")
            .description("Authentication events other than logins, by type")
            .tag("type", event.type())
            .register(r)
            .increment();
      }
    }
  }

  /** {@code hasher}, with every hash and verification timed ({@code portcullis.password.hash}). */
  public PasswordHasher timed(PasswordHasher hasher) {
    return new TimedPasswordHasher(
        hasher, nanos -> hashed("hash", nanos), nanos -> hashed("verify", nanos));
  }

  /**
   * {@code tokens}, with every {@link TokenService#verify} timed ({@code portcullis.token.verify})
   * and counted by outcome ({@code portcullis.token.verifications}).
   */
  public TokenService timed(TokenService tokens) {
    return new TimedTokenService(tokens, this::verified);
  }

  /** The outcome label of a failed login: the error the caller got, never the reason behind it. */
  static String outcome(AuthEvent.FailureReason reason) {
    return switch (reason) {
      case UNKNOWN_IDENTIFIER, WRONG_PASSWORD, ACCOUNT_DISABLED -> "invalid_credentials";
      default -> reason.name().toLowerCase(Locale.ROOT);
    };
  }

  private void hashed(String operation, long nanos) {
    boolean hash = operation.equals("hash");
    for (HotMeters m : hot) {
      (hash ? m.hash() : m.hashVerify()).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void verified(String outcome, long nanos) {
    for (HotMeters m : hot) {
      m.verify().record(nanos, TimeUnit.NANOSECONDS);
      m.verification(outcome).increment();
    }
  }

  private static Counter logins(MeterRegistry registry, String outcome) {
    return Counter.builder("portcullis.logins")
        .description("Password logins by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Counter lockouts(MeterRegistry registry) {
    return Counter.builder("portcullis.lockouts")
        .description("Identifiers locked after too many failed logins")
        .register(registry);
  }

  private static Counter verifications(MeterRegistry registry, String outcome) {
    return Counter.builder("portcullis.token.verifications")
        .description("Access token verifications by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Timer verifyTimer(MeterRegistry registry) {
    return Timer.builder("portcullis.token.verify")
        .description("Time spent verifying access tokens")
        .register(registry);
  }

  private static Timer hashTimer(MeterRegistry registry, String operation) {
    return Timer.builder("portcullis.password.hash")
        .description("Time spent hashing and verifying passwords")
        .tag("operation", operation)
        .register(registry);
  }
}
