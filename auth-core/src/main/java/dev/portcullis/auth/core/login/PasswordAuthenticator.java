package dev.portcullis.auth.core.login;

import dev.portcullis.auth.api.Authenticator;
import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.event.AuthEvent;
import dev.portcullis.auth.api.event.AuthEvent.FailureReason;
import dev.portcullis.auth.api.model.AttemptReservation;
import dev.portcullis.auth.api.model.Authentication;
import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.api.model.LoginRequest;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.LoginGate;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.event.AuthEvents;
import dev.portcullis.auth.core.settings.RateLimitSettings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password login, in this order: normalise the identifier, per-address rate limit and failure
 * budget (IPv6 per network, see {@link ClientAddresses}), lockout reservation, user lookup,
 * password check, then clear failures, upgrade a weak hash and emit the event. The stores are asked
 * through the tracker's {@link LoginGate} ({@link LoginAttemptTracker#gateWith}): one step before
 * the hash and one after, each one transaction on a database that holds both. A rate-limited client
 * or a locked identifier costs no hashing; an unknown identifier costs the same hashing as a wrong
 * password, against a dummy hash made at start-up with the live settings. A store that cannot
 * answer, or a hasher that gives no turn in time ({@code BoundedPasswordHasher}), fails the login
 * closed with {@code service_unavailable}: the lockout reservation is released and nothing is
 * counted. Thread-safe.
 */
public final class PasswordAuthenticator implements Authenticator {
  private static final Logger log = LoggerFactory.getLogger(PasswordAuthenticator.class);

  /** Longer passwords are refused before hashing: no account can have one, and it bounds work. */
  public static final int MAX_PASSWORD_CHARS = 4096;

  private static final String UNKNOWN_ADDRESS = "unknown";

  private final Identifiers identifiers;
  private final LoginGate gate;
  private final RateLimitSettings limits;
  private final UserStore users;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final AuthEvents events;
  private final String dummyHash;

  public PasswordAuthenticator(
      Identifiers identifiers,
      RateLimiter rateLimiter,
      RateLimitSettings limits,
      LoginAttemptTracker tracker,
      UserStore users,
      PasswordHasher hasher,
      Clock clock,
      AuthEvents events) {
    this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.gate =
        Objects.requireNonNull(tracker, "tracker")
            .gateWith(Objects.requireNonNull(rateLimiter, "rateLimiter"));
    this.users = Objects.requireNonNull(users, "users");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.events = Objects.requireNonNull(events, "events");
    this.dummyHash = hasher.hash(randomPassword());
  }

  @Override
  public Result<Authentication> authenticate(LoginRequest request) {
    Objects.requireNonNull(request, "request");
    String address = request.clientAddress() == null ? UNKNOWN_ADDRESS : request.clientAddress();
    Result<String> normalized = identifiers.normalize(request.identifier());
    if (normalized.isErr()) {
      log.debug("login refused: invalid identifier from {}", address);
      events.publish(
          new AuthEvent.LoginFailed(clock.instant(), null, address, FailureReason.INVALID_INPUT));
      return Result.err(normalized.failure().orElseThrow());
    }
    String identifier = normalized.unwrap();
    if (request.password().length() > MAX_PASSWORD_CHARS) {
      return refuse(
          identifier,
          address,
          FailureReason.INVALID_INPUT,
          new AuthError.InvalidRequest(
              "password", "is longer than " + MAX_PASSWORD_CHARS + " characters"));
    }
    String clientKey = ClientAddresses.key(request.clientAddress(), limits.ipv6Prefix());
    return Result.catching(
        () -> authenticate(identifier, address, clientKey, request),
        e -> {
          log.warn("login failed closed for {}: {}: {}", identifier, e.code(), e.message());
          return refuse(identifier, address, FailureReason.STORE_UNAVAILABLE, e);
        });
  }

  private Result<Authentication> authenticate(
      String identifier, String address, String clientKey, LoginRequest request) {
    LoginGate.Limits gateLimits =
        new LoginGate.Limits(
            "login:" + clientKey,
            limits.login(),
            failureBudgetKey(clientKey),
            limits.loginFailures());
    LoginGate.Entry entry = gate.enter(identifier, gateLimits);
    if (entry instanceof LoginGate.Entry.RateLimited limited) {
      boolean budget = limited.key().equals(gateLimits.budgetKey());
      log.debug(
          budget
              ? "login refused: failed-login budget of address {} is spent"
              : "login refused: rate limit for address {}",
          address);
      return refuse(
          identifier,
          address,
          FailureReason.RATE_LIMITED,
          new AuthError.RateLimited(limited.rule().toString(), limited.decision().retryAfter()));
    }
    if (entry instanceof LoginGate.Entry.Locked locked) {
      Instant until = locked.denied().status().lockEnd().orElse(clock.instant());
      log.debug("login refused: identifier {} is locked until {}", identifier, until);
      return refuse(
          identifier,
          address,
          FailureReason.ACCOUNT_LOCKED,
          new AuthError.AccountLocked(until, Duration.between(clock.instant(), until)));
    }
    AttemptReservation.Granted granted = ((LoginGate.Entry.Admitted) entry).slot();
    boolean settled = false;
    try {
      Result<Authentication> result = check(identifier, address, gateLimits, request, granted);
      settled = true;
      return result;
    } finally {
      if (!settled) {
        // A store failed mid-way: give the slot back rather than count an attempt nobody made.
        releaseQuietly(granted);
      }
    }
  }

  private Result<Authentication> check(
      String identifier,
      String address,
      LoginGate.Limits gateLimits,
      LoginRequest request,
      AttemptReservation.Granted slot) {
    Optional<StoredUser> found = users.findByIdentifier(identifier);
    if (found.isEmpty()) {
      hasher.verify(request.password(), dummyHash);
      return failed(identifier, address, gateLimits, slot, FailureReason.UNKNOWN_IDENTIFIER);
    }
    StoredUser stored = found.get();
    boolean matches = verify(request.password(), stored);
    if (!stored.user().enabled()) {
      return failed(identifier, address, gateLimits, slot, FailureReason.ACCOUNT_DISABLED);
    }
    if (!matches) {
      return failed(identifier, address, gateLimits, slot, FailureReason.WRONG_PASSWORD);
    }
    gate.succeeded(slot);
    Instant now = clock.instant();
    rehashIfWeaker(stored, request.password(), now);
    log.debug("login succeeded for {} from {}", identifier, address);
    events.publish(new AuthEvent.LoggedIn(now, stored.user().id(), identifier, address));
    return Result.ok(Authentication.of(stored, now, request.clientAddress(), request.userAgent()));
  }

  private boolean verify(String password, StoredUser stored) {
    if (!hasher.supports(stored.passwordHash())) {
      // Same work as a real check, so an account with a foreign hash is not told apart by timing.
      hasher.verify(password, dummyHash);
      log.error(
          "user {} has a password hash in an unsupported format ({}); the login is refused."
              + " Re-import the hash in a supported format or reset the password.",
          stored.user().id(),
          HashSchemes.name(stored.passwordHash()));
      return false;
    }
    return hasher.verify(password, stored.passwordHash());
  }

  private void rehashIfWeaker(StoredUser stored, String password, Instant now) {
    String old = stored.passwordHash();
    try {
      if (!hasher.needsRehash(old)) {
        return;
      }
      String upgraded = hasher.hash(password);
      if (users.replaceHash(stored.user().id(), old, upgraded)) {
        log.debug("upgraded the password hash of user {}", stored.user().id());
        events.publish(
            new AuthEvent.PasswordRehashed(
                now, stored.user().id(), HashSchemes.name(old), HashSchemes.name(upgraded)));
      }
    } catch (RuntimeException e) {
      // The login itself succeeded; a failed upgrade is retried at the next login.
      log.warn(
          "could not upgrade the password hash of user {}: {}",
          stored.user().id(),
          e.getClass().getSimpleName());
    }
  }

  private Result<Authentication> failed(
      String identifier,
      String address,
      LoginGate.Limits gateLimits,
      AttemptReservation.Granted slot,
      FailureReason reason) {
    LockStatus status = gate.failed(slot, gateLimits);
    Instant now = clock.instant();
    log.debug(
        "login failed for {} from {}: {} ({} failures)",
        identifier,
        address,
        reason,
        status.failures());
    events.publish(new AuthEvent.LoginFailed(now, identifier, address, reason));
    if (status.locked()) {
      log.info("identifier {} locked until {}", identifier, status.lockedUntil());
      events.publish(
          new AuthEvent.LockedOut(now, identifier, status.lockedUntil(), status.failures()));
    }
    return Result.err(AuthError.of(ErrorKind.INVALID_CREDENTIALS));
  }

  private <T> Result<T> refuse(
      String identifier, String address, FailureReason reason, AuthError error) {
    events.publish(new AuthEvent.LoginFailed(clock.instant(), identifier, address, reason));
    return Result.err(error);
  }

  private void releaseQuietly(AttemptReservation.Granted slot) {
    try {
      gate.release(slot);
    } catch (RuntimeException e) {
      log.warn("could not release a login reservation; it expires on its own", e);
    }
  }

  private static String failureBudgetKey(String clientKey) {
    return "login-failures:" + clientKey;
  }

  private static String randomPassword() {
    byte[] b = new byte[24];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }
}
