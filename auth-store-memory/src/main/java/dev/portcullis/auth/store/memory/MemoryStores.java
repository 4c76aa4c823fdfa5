package dev.portcullis.auth.store.memory;

import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.store.AuditStore;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import dev.portcullis.auth.api.store.ClientStore;
import dev.portcullis.auth.api.store.ConsentStore;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import dev.portcullis.auth.api.store.FactorStore;
import dev.portcullis.auth.api.store.InteractionStore;
import dev.portcullis.auth.api.store.LoginAttemptTracker;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import dev.portcullis.auth.api.store.RateLimiter;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import dev.portcullis.auth.api.store.ResetTokenStore;
import dev.portcullis.auth.api.store.SessionStore;
import dev.portcullis.auth.api.store.SingleUseStore;
import dev.portcullis.auth.api.store.TokenBlacklist;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.store.memory.internal.MemoryAuditStore;
import dev.portcullis.auth.store.memory.internal.MemoryAuthorizationCodeStore;
import dev.portcullis.auth.store.memory.internal.MemoryClientStore;
import dev.portcullis.auth.store.memory.internal.MemoryConsentStore;
import dev.portcullis.auth.store.memory.internal.MemoryDeviceGrantStore;
import dev.portcullis.auth.store.memory.internal.MemoryFactorStore;
import dev.portcullis.auth.store.memory.internal.MemoryInteractionStore;
import dev.portcullis.auth.store.memory.internal.MemoryLoginAttemptTracker;
import dev.portcullis.auth.store.memory.internal.MemoryMfaChallengeStore;
import dev.portcullis.auth.store.memory.internal.MemoryRateLimiter;
import dev.portcullis.auth.store.memory.internal.MemoryRecoveryCodeStore;
import dev.portcullis.auth.store.memory.internal.MemoryResetTokenStore;
import dev.portcullis.auth.store.memory.internal.MemorySessionStore;
import dev.portcullis.auth.store.memory.internal.MemorySingleUseStore;
import dev.portcullis.auth.store.memory.internal.MemoryTokenBlacklist;
import dev.portcullis.auth.store.memory.internal.MemoryUserStore;
import java.time.Clock;
import java.util.Objects;

/**
 * Creates the in-memory adapters without Guice, for tests and small programs. Each call returns a
 * new, empty, thread-safe store; the stores start no threads and need no closing. Time-dependent
 * stores read {@code clock}, so a test that moves its clock expires entries.
 */
public final class MemoryStores {

  private MemoryStores() {}

  /** A user store with the default bounds. */
  public static UserStore userStore() {
    return userStore(MemoryStoreSettings.defaults());
  }

  /** A user store holding at most {@code settings.maxUsers()} accounts. */
  public static UserStore userStore(MemoryStoreSettings settings) {
    return new MemoryUserStore(settings.maxUsers());
  }

  /** A session store with the default bounds. */
  public static SessionStore sessionStore(Clock clock) {
    return sessionStore(clock, MemoryStoreSettings.defaults());
  }

  /** A session store bounded by {@code settings}. */
  public static SessionStore sessionStore(Clock clock, MemoryStoreSettings settings) {
    return new MemorySessionStore(
        Objects.requireNonNull(clock, "clock"),
        settings.maxSessions(),
        settings.sessionRetention());
  }

  /** A login attempt tracker under {@code policy}, with the default bounds. */
  public static LoginAttemptTracker loginAttemptTracker(LockoutPolicy policy, Clock clock) {
    return loginAttemptTracker(policy, clock, MemoryStoreSettings.defaults());
  }

  /** A login attempt tracker under {@code policy}, bounded by {@code settings}. */
  public static LoginAttemptTracker loginAttemptTracker(
      LockoutPolicy policy, Clock clock, MemoryStoreSettings settings) {
    return new MemoryLoginAttemptTracker(
        policy,
        Objects.requireNonNull(clock, "clock"),
        settings.maxTrackedKeys(),
        settings.reservationTimeout());
  }

  /** A token blacklist with the default bounds. */
  public static TokenBlacklist tokenBlacklist(Clock clock) {
    return tokenBlacklist(clock, MemoryStoreSettings.defaults());
  }

  /** A token blacklist bounded by {@code settings}. */
  public static TokenBlacklist tokenBlacklist(Clock clock, MemoryStoreSettings settings) {
    return new MemoryTokenBlacklist(
        Objects.requireNonNull(clock, "clock"), settings.maxRevocations());
  }

  /** A rate limiter with the default bounds. */
  public static RateLimiter rateLimiter(Clock clock) {
    return rateLimiter(clock, MemoryStoreSettings.defaults());
  }

  /** A rate limiter bounded by {@code settings}. */
  public static RateLimiter rateLimiter(Clock clock, MemoryStoreSettings settings) {
    return new MemoryRateLimiter(
        Objects.requireNonNull(clock, "clock"), settings.maxRateLimitBuckets());
  }

  /** A reset-token store with the default bounds. */
  public static ResetTokenStore resetTokenStore(Clock clock) {
    return resetTokenStore(clock, MemoryStoreSettings.defaults());
  }

  /** A reset-token store bounded by {@code settings}. */
  public static ResetTokenStore resetTokenStore(Clock clock, MemoryStoreSettings settings) {
    return new MemoryResetTokenStore(
        Objects.requireNonNull(clock, "clock"), settings.maxResetTokens());
  }

  /** An audit store with the default bounds. */
  public static AuditStore auditStore() {
    return auditStore(MemoryStoreSettings.defaults());
  }

  /** An audit store holding at most {@code settings.maxAuditRecords()} records. */
  public static AuditStore auditStore(MemoryStoreSettings settings) {
    return new MemoryAuditStore(settings.maxAuditRecords());
  }

  // ---- single-use keys and authorization codes (OAuth)

  /** A single-use store with the default bounds. */
  public static SingleUseStore singleUseStore(Clock clock) {
    return singleUseStore(clock, MemoryStoreSettings.defaults());
  }

  /**
   * A single-use store holding at most {@code settings.maxRevocations()} keys, refusing more (like
   * revocations, a key must not be dropped while it matters).
   */
  public static SingleUseStore singleUseStore(Clock clock, MemoryStoreSettings settings) {
    return new MemorySingleUseStore(
        Objects.requireNonNull(clock, "clock"),
        settings.maxRevocations(),
        "auth.store.memory.max-revocations");
  }

  /** An authorization-code store with the default bounds. */
  public static AuthorizationCodeStore authorizationCodeStore(Clock clock) {
    return authorizationCodeStore(clock, MemoryStoreSettings.defaults());
  }

  /**
   * An authorization-code store holding at most {@code settings.maxResetTokens()} codes, refusing
   * more (a used code must be remembered until it expires).
   */
  public static AuthorizationCodeStore authorizationCodeStore(
      Clock clock, MemoryStoreSettings settings) {
    return new MemoryAuthorizationCodeStore(
        Objects.requireNonNull(clock, "clock"),
        settings.maxResetTokens(),
        "auth.store.memory.max-reset-tokens");
  }

  // ---- OAuth stores

  /** A client store; unbounded, since operators, not the public, register clients. */
  public static ClientStore clientStore() {
    return new MemoryClientStore();
  }

  /** A consent store; unbounded (only a user who approved a client adds an entry). */
  public static ConsentStore consentStore() {
    return new MemoryConsentStore();
  }

  /** A device-grant store with the default bounds. */
  public static DeviceGrantStore deviceGrantStore(Clock clock) {
    return deviceGrantStore(clock, MemoryStoreSettings.defaults());
  }

  /**
   * A device-grant store holding at most {@code settings.maxResetTokens()} grants, refusing more (a
   * grant must be kept until it expires).
   */
  public static DeviceGrantStore deviceGrantStore(Clock clock, MemoryStoreSettings settings) {
    return new MemoryDeviceGrantStore(
        Objects.requireNonNull(clock, "clock"),
        settings.maxResetTokens(),
        "auth.store.memory.max-reset-tokens");
  }

  /** An interaction store with the default bounds. */
  public static InteractionStore interactionStore(Clock clock) {
    return interactionStore(clock, MemoryStoreSettings.defaults());
  }

  /**
   * An interaction store holding at most {@code settings.maxResetTokens()} interactions, refusing
   * more (for one process only: a fleet shares a JDBC store).
   */
  public static InteractionStore interactionStore(Clock clock, MemoryStoreSettings settings) {
    return new MemoryInteractionStore(
        Objects.requireNonNull(clock, "clock"),
        settings.maxResetTokens(),
        "auth.store.memory.max-reset-tokens");
  }

  // ---- second factors

  /** A store of second-factor credentials with the default bounds. */
  public static FactorStore factorStore() {
    return factorStore(MemoryStoreSettings.defaults());
  }

  /**
   * A store of at most {@code settings.maxUsers()} second-factor credentials (one per account and
   * type), refusing more.
   */
  public static FactorStore factorStore(MemoryStoreSettings settings) {
    return new MemoryFactorStore(settings.maxUsers(), "auth.store.memory.max-users");
  }

  /** A store of recovery codes with the default bounds. */
  public static RecoveryCodeStore recoveryCodeStore() {
    return recoveryCodeStore(MemoryStoreSettings.defaults());
  }

  /**
   * A store of the recovery codes of at most {@code settings.maxUsers()} accounts, refusing more.
   */
  public static RecoveryCodeStore recoveryCodeStore(MemoryStoreSettings settings) {
    return new MemoryRecoveryCodeStore(settings.maxUsers(), "auth.store.memory.max-users");
  }

  /** A store of pending MFA challenges with the default bounds. */
  public static MfaChallengeStore mfaChallengeStore() {
    return mfaChallengeStore(MemoryStoreSettings.defaults());
  }

  /**
   * A store of at most {@code settings.maxResetTokens()} live MFA challenges, refusing more (like
   * the authorization codes: a challenge must be kept until it expires).
   */
  public static MfaChallengeStore mfaChallengeStore(MemoryStoreSettings settings) {
    return new MemoryMfaChallengeStore(
        settings.maxResetTokens(), "auth.store.memory.max-reset-tokens");
  }
}
