package dev.portcullis.auth.store.memory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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
   * The defaults of {@code reference.conf}: about 250 MB of heap if every store is full (README).
   */
  public static MemoryStoreSettings defaults() {
    return new MemoryStoreSettings(
        100_000,
        100_000,
        Duration.ofDays(1),
        100_000,
        Duration.ofMinutes(1),
        100_000,
        100_000,
        10_000,
        100_000);
  }

  /**
   * Reads {@code auth.store.memory} from {@code config} (which should include this module's {@code
   * reference.conf}, as {@code ConfigFactory.load()} does).
   *
   * @throws ConfigurationException listing every missing, malformed or out-of-range value at once
   */
  public static MemoryStoreSettings fromConfig(Config config) {
    List<ConfigProblem> problems = new ArrayList<>();
    long maxUsers = read(config, problems, "max-users", config::getLong, 1L);
    long maxSessions = read(config, problems, "max-sessions", config::getLong, 1L);
    Duration retention =
        read(config, problems, "session-retention", config::getDuration, Duration.ZERO);
    long maxKeys = read(config, problems, "max-tracked-keys", config::getLong, 1L);
    Duration timeout =
        read(config, problems, "reservation-timeout", config::getDuration, Duration.ofMinutes(1));
    long maxRevocations = read(config, problems, "max-revocations", config::getLong, 1L);
    long maxBuckets = read(config, problems, "max-rate-limit-buckets", config::getLong, 1L);
    long maxTokens = read(config, problems, "max-reset-tokens", config::getLong, 1L);
    int maxAudit = read(config, problems, "max-audit-records", config::getInt, 1);
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new MemoryStoreSettings(
        maxUsers,
        maxSessions,
        retention,
        maxKeys,
        timeout,
        maxRevocations,
        maxBuckets,
        maxTokens,
        maxAudit);
  }

  private static <T> T read(
      Config config,
      List<ConfigProblem> problems,
      String name,
      Function<String, T> getter,
      T placeholder) {
    try {
      return getter.apply(PREFIX + name);
    } catch (ConfigException e) {
      problems.add(
          problem(name, "cannot be read: " + e.getMessage(), "set it as reference.conf describes"));
      return placeholder;
    }
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
