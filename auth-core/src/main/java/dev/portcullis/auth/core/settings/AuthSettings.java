package dev.portcullis.auth.core.settings;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.model.LockoutPolicy;
import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.event.AuditSettings;
import dev.portcullis.auth.core.hash.HashingLimits;
import dev.portcullis.auth.core.hash.HashingSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The core's validated settings ({@code auth.*}), read once at start-up.
 *
 * @param environment where Portcullis runs
 * @param maxIdentifierLength longest accepted identifier, in UTF-16 code units (see {@code
 *     Identifiers}), at most {@link #MAX_IDENTIFIER_LENGTH_LIMIT}
 * @param lockout failed-login lockout
 * @param rateLimits rate limits per client address
 * @param passwordPolicy the password policy
 * @param hashing the password hashing algorithm and costs
 * @param hashingLimits how many hashes run at once and how long a caller waits for a turn
 * @param reset password reset
 * @param audit how the audit trail writes ({@code auth.audit.*})
 * @param warnings what development filled in or found weak, for the start-up log
 */
public record AuthSettings(
    Environment environment,
    int maxIdentifierLength,
    LockoutPolicy lockout,
    RateLimitSettings rateLimits,
    PasswordPolicySettings passwordPolicy,
    HashingSettings hashing,
    HashingLimits hashingLimits,
    ResetSettings reset,
    AuditSettings audit,
    List<String> warnings) {

  /**
   * The largest {@code auth.identifier.max-length}: the identifier column of the JDBC store is
   * {@code VARCHAR(320)}, which H2 measures in UTF-16 code units and PostgreSQL in code points, so
   * 320 code units fit both.
   */
  public static final int MAX_IDENTIFIER_LENGTH_LIMIT = 320;

  public AuthSettings {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(lockout, "lockout");
    Objects.requireNonNull(rateLimits, "rateLimits");
    Objects.requireNonNull(passwordPolicy, "passwordPolicy");
    Objects.requireNonNull(hashing, "hashing");
    Objects.requireNonNull(hashingLimits, "hashingLimits");
    Objects.requireNonNull(reset, "reset");
    Objects.requireNonNull(audit, "audit");
    warnings = List.copyOf(warnings);
  }

  /**
   * Reads the settings of every module once ({@link PortcullisSettings#load}) and returns the
   * core's.
   *
   * @throws ConfigurationException listing every problem of every module at once
   */
  public static AuthSettings load(Config config) {
    return PortcullisSettings.load(config).core();
  }

  /**
   * As {@link #load(Config)}, judging the hashing limits against {@code host} instead of the
   * running JVM.
   *
   * @throws ConfigurationException listing every problem of every module at once
   */
  public static AuthSettings load(Config config, HostResources host) {
    return PortcullisSettings.load(config, host).core();
  }

  /**
   * Reads the core settings through {@code reader}, recording problems there; use it through {@link
   * SettingsReader#read}, which yields nothing when a problem was recorded.
   */
  public static AuthSettings read(SettingsReader reader) {
    return read(reader, HostResources.current());
  }

  /** As {@link #read(SettingsReader)}, judging the hashing limits against {@code host}. */
  public static AuthSettings read(SettingsReader reader, HostResources host) {
    int maxIdentifierLength =
        reader.integer("auth.identifier.max-length", 3, MAX_IDENTIFIER_LENGTH_LIMIT);
    LockoutPolicy lockout = readLockout(reader);
    RateLimitSettings rateLimits =
        new RateLimitSettings(
            rule(reader, "auth.rate-limit.login"),
            rule(reader, "auth.rate-limit.login-failures"),
            rule(reader, "auth.rate-limit.register"),
            rule(reader, "auth.rate-limit.password-forgot"),
            reader.integer("auth.rate-limit.ipv6-prefix", 1, 128));
    PasswordPolicySettings policy = readPolicy(reader);
    HashingSettings hashing = HashingSettingsReader.read(reader);
    HashingLimits hashingLimits = HashingSettingsReader.readLimits(reader, hashing, host);
    ResetSettings reset = readReset(reader);
    AuditSettings audit = readAudit(reader);
    return new AuthSettings(
        reader.environment(),
        maxIdentifierLength,
        lockout,
        rateLimits,
        policy,
        hashing,
        hashingLimits,
        reset,
        audit,
        reader.warnings());
  }

  private static LockoutPolicy readLockout(SettingsReader reader) {
    int maxAttempts = reader.integer("auth.lockout.max-attempts", 1, 1000);
    Duration window = reader.positiveDuration("auth.lockout.window");
    Duration duration = reader.positiveDuration("auth.lockout.duration");
    Duration increment = reader.nonNegativeDuration("auth.lockout.duration-increment");
    Duration maxDuration = reader.positiveDuration("auth.lockout.max-duration");
    Duration memory = reader.nonNegativeDuration("auth.lockout.memory");
    if (reader.valid("auth.lockout.duration", "auth.lockout.max-duration")
        && maxDuration.compareTo(duration) < 0) {
      reader.problem(
          "auth.lockout.max-duration",
          "is shorter than auth.lockout.duration.",
          "set it to at least auth.lockout.duration");
    }
    return new LockoutPolicy(maxAttempts, window, duration, increment, maxDuration, memory);
  }

  private static RateLimitRule rule(SettingsReader reader, String key) {
    return reader.parsed(
        key,
        RateLimitRule.parse("1/second"),
        RateLimitRule::parse,
        "write it as N/unit, for example \"5/minute\"");
  }

  private static PasswordPolicySettings readPolicy(SettingsReader reader) {
    int min = reader.integer("auth.password.min-length", 1, 1024);
    int max = reader.integer("auth.password.max-length", 1, 4096);
    if (reader.valid("auth.password.min-length", "auth.password.max-length") && max < min) {
      reader.problem(
          "auth.password.max-length",
          "(" + max + ") is below auth.password.min-length (" + min + ").",
          "set max-length to at least min-length");
    }
    if (reader.valid("auth.password.min-length") && min < 8) {
      reader.insecure(
          "auth.password.min-length",
          "is " + min + "; NIST SP 800-63B requires at least 8 (Portcullis defaults to 12).",
          "set it to 12 or more");
    }
    List<String> patterns = reader.stringList("auth.password.banned-patterns");
    for (String p : patterns) {
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        reader.problem(
            "auth.password.banned-patterns",
            "contains an invalid regular expression: " + e.getDescription() + ".",
            "fix or remove that pattern");
      }
    }
    return new PasswordPolicySettings(
        min,
        max,
        reader.bool("auth.password.require-uppercase"),
        reader.bool("auth.password.require-lowercase"),
        reader.bool("auth.password.require-digits"),
        reader.bool("auth.password.require-special"),
        patterns,
        reader.bool("auth.password.reject-common"),
        reader.bool("auth.password.reject-context"));
  }

  /** These settings with {@code audit} in place of theirs. */
  public AuthSettings withAudit(AuditSettings audit) {
    return new AuthSettings(
        environment,
        maxIdentifierLength,
        lockout,
        rateLimits,
        passwordPolicy,
        hashing,
        hashingLimits,
        reset,
        audit,
        warnings);
  }

  private static AuditSettings readAudit(SettingsReader reader) {
    AuditSettings.Mode mode =
        reader.parsed(
            "auth.audit.mode",
            AuditSettings.Mode.AUTO,
            text -> {
              try {
                return AuditSettings.Mode.parse(text);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("is '" + text + "'", e);
              }
            },
            "set it to synchronous, queued or auto");
    int capacity = reader.integer("auth.audit.queue-capacity", 1, 1_000_000);
    int batch = reader.integer("auth.audit.batch-size", 1, 1_000_000);
    Duration maxWait = reader.nonNegativeDuration("auth.audit.max-wait");
    if (reader.valid("auth.audit.max-wait") && maxWait.compareTo(Duration.ofMinutes(1)) > 0) {
      reader.problem("auth.audit.max-wait", "is longer than 1m.", "set it to 1m or less, e.g. 5s");
      maxWait = Duration.ofMinutes(1);
    }
    if (reader.valid("auth.audit.queue-capacity", "auth.audit.batch-size") && batch > capacity) {
      reader.problem(
          "auth.audit.batch-size",
          "(" + batch + ") is above auth.audit.queue-capacity (" + capacity + ").",
          "set batch-size to at most queue-capacity, e.g. 100");
    }
    return batch < 1 || capacity < 1 || batch > capacity || maxWait.isNegative()
        ? AuditSettings.defaults()
        : new AuditSettings(mode, capacity, batch, maxWait);
  }

  private static ResetSettings readReset(SettingsReader reader) {
    Duration ttl = reader.positiveDuration("auth.reset.token-ttl");
    String template = reader.string("auth.reset.link-template");
    if (!template.contains(ResetSettings.TOKEN_PLACEHOLDER)) {
      reader.problem(
          "auth.reset.link-template",
          "does not contain " + ResetSettings.TOKEN_PLACEHOLDER + ".",
          "write it as https://your.app/reset-password?token={token}");
    } else {
      String lower = template.strip().toLowerCase(Locale.ROOT);
      if (lower.contains("://localhost")
          || lower.contains("://127.")
          || lower.contains("://[::1]")
          || lower.contains("://0.0.0.0")) {
        // The default on a developer's machine, where the reset page runs on localhost too.
        if (reader.environment().strict()) {
          reader.insecure(
              "auth.reset.link-template",
              "points at localhost, so reset links would not reach users.",
              "set it to your application's public reset page");
        }
      } else if (!lower.startsWith("https://")) {
        reader.insecure(
            "auth.reset.link-template",
            "is not an https link, so the one-time reset token would travel in clear text.",
            "set it to your application's public https reset page");
      }
    }
    if (ttl.compareTo(Duration.ofHours(24)) > 0) {
      reader.insecure(
          "auth.reset.token-ttl",
          "is longer than 24h; reset links should be short-lived.",
          "use 1h (the default) or less");
    }
    return new ResetSettings(ttl, template);
  }
}
