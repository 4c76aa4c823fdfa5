package dev.portcullis.auth.store.memory;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.AuthConfig;
import dev.portcullis.auth.core.settings.PortcullisSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bounds of the in-memory stores, read from {@code auth.store.memory} ({@code reference.conf}
 * documents every key). What happens at each bound is described in this module's README: stores
 * whose entries protect someone (locks, revocations, accounts) refuse new entries with {@code
 * service_unavailable}; the others evict their least valuable entries.
 *
 * @param maxUsers accounts held; at the bound a registration fails with {@code service_unavailable}
 * @param maxSessions sessions held; at the bound the least valuable sessions end
 * @param sessionRetention how long a session is kept after it expired or was revoked (so that
 *     refreshing it answers {@code EXPIRED} or {@code REVOKED} rather than {@code NOT_FOUND}), zero
 *     or more
 * @param maxTrackedKeys identifiers with failures, locks or checks in flight; at the bound a login
 *     of an untracked identifier fails with {@code service_unavailable}
 * @param reservationTimeout how long a login check that never completed holds its attempt slot,
 *     capped at the lockout window
 * @param maxRevocations revoked tokens, sessions and users held; at the bound a revocation fails
 *     with {@code service_unavailable}
 * @param maxRateLimitBuckets rate-limit buckets held; at the bound the least valuable are dropped
 * @param maxResetTokens password-reset tokens held; at the bound the least valuable are dropped
 * @param maxAuditRecords audit records held; at the bound the oldest are dropped
 */
public record MemoryStoreSettings(
    long maxUsers,
    long maxSessions,
    Duration sessionRetention,
    long maxTrackedKeys,
    Duration reservationTimeout,
    long maxRevocations,
    long maxRateLimitBuckets,
    long maxResetTokens,
    int maxAuditRecords) {

  private static final String PREFIX = "auth.store.memory.";

  /**
   * @throws ConfigurationException listing every value out of range
   */
  public MemoryStoreSettings {
    List<ConfigProblem> problems = new ArrayList<>();
    atLeastOne(problems, "max-users", maxUsers);
    atLeastOne(problems, "max-sessions", maxSessions);
    if (sessionRetention == null || sessionRetention.isNegative()) {
      problems.add(problem("session-retention", "must be zero or more", "for example 1d"));
    }
    atLeastOne(problems, "max-tracked-keys", maxTrackedKeys);
    if (reservationTimeout == null
        || reservationTimeout.isNegative()
        || reservationTimeout.isZero()) {
      problems.add(problem("reservation-timeout", "must be positive", "for example 1m"));
    }
    atLeastOne(problems, "max-revocations", maxRevocations);
    atLeastOne(problems, "max-rate-limit-buckets", maxRateLimitBuckets);
    atLeastOne(problems, "max-reset-tokens", maxResetTokens);
    atLeastOne(problems, "max-audit-records", maxAuditRecords);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  /**
   * The defaults, read from {@code reference.conf} (the only place they are written): about 250 MB
   * of heap if every store is full (README). Read once per class loader, on first use.
   */
  public static MemoryStoreSettings defaults() {
    return Defaults.VALUE;
  }

  /**
   * Reads {@code auth.store.memory} from {@code config} once (which should include this module's
   * {@code reference.conf}, as {@link AuthConfig} does). With other modules, read every area at
   * once with {@link PortcullisSettings#load} instead.
   *
   * @throws ConfigurationException listing every missing, malformed or out-of-range value at once
   */
  public static MemoryStoreSettings fromConfig(Config config) {
    SettingsReader reader = new SettingsReader(config);
    Optional<MemoryStoreSettings> settings = reader.read(MemoryStoreSettings::read);
    reader.throwIfProblems();
    return settings.orElseThrow();
  }

  /**
   * Reads {@code auth.store.memory} through {@code reader}, recording every problem there; use it
   * through {@link SettingsReader#read}, which yields nothing when a problem was recorded.
   */
  public static MemoryStoreSettings read(SettingsReader reader) {
    return new MemoryStoreSettings(
        count(reader, "max-users"),
        count(reader, "max-sessions"),
        reader.nonNegativeDuration(PREFIX + "session-retention"),
        count(reader, "max-tracked-keys"),
        reader.positiveDuration(PREFIX + "reservation-timeout"),
        count(reader, "max-revocations"),
        count(reader, "max-rate-limit-buckets"),
        count(reader, "max-reset-tokens"),
        count(reader, "max-audit-records"));
  }

  private static int count(SettingsReader reader, String name) {
    return reader.integer(PREFIX + name, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** The defaults, read when first asked for. */
  private static final class Defaults {
    static final MemoryStoreSettings VALUE = fromConfig(AuthConfig.defaults());
  }

  private static void atLeastOne(List<ConfigProblem> problems, String name, long value) {
    if (value < 1) {
      problems.add(problem(name, "must be at least 1, was " + value, "raise it"));
    }
  }

  private static ConfigProblem problem(String name, String what, String fix) {
    String key = PREFIX + name;
    return new ConfigProblem(key, SettingsReader.environmentVariable(key), what, fix);
  }
}
