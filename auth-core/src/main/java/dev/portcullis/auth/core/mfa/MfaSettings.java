package dev.portcullis.auth.core.mfa;

import dev.portcullis.auth.api.model.RateLimitRule;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The settings of {@code auth.mfa}: second factors (TOTP and recovery codes). {@link #toString()}
 * never prints a key.
 *
 * @param enabled whether logins check second factors and users may enrol
 * @param issuer the name authenticator apps show next to the account
 * @param encryptionKey the 32-byte AES key factor secrets are encrypted under
 * @param previousEncryptionKey a 32-byte key that still decrypts (rotation), or null
 * @param challengeTtl how long a login waits for its second factor
 * @param maxChallengeFailures wrong codes after which a pending login dies
 * @param recoveryCodes how many recovery codes a user gets
 * @param verifyRateLimit second-factor codes per client address at the completion of a pending
 *     login ({@code POST /auth/mfa/verify})
 * @param totpWindow TOTP steps accepted either side of the current one: 1 (RFC 6238's allowance for
 *     clock drift: a code works up to 90 s) or 0 (ASVS 5.0 6.5.5: at most 30 s)
 */
public record MfaSettings(
    boolean enabled,
    String issuer,
    byte[] encryptionKey,
    byte[] previousEncryptionKey,
    Duration challengeTtl,
    int maxChallengeFailures,
    int recoveryCodes,
    RateLimitRule verifyRateLimit,
    int totpWindow) {

  public static final String ENABLED = "auth.mfa.enabled";
  public static final String ISSUER = "auth.mfa.issuer";
  public static final String KEY = "auth.mfa.encryption-key";
  public static final String PREVIOUS_KEY = "auth.mfa.previous-encryption-key";
  public static final String CHALLENGE_TTL = "auth.mfa.challenge-ttl";
  public static final String MAX_FAILURES = "auth.mfa.max-challenge-failures";
  public static final String RECOVERY_CODES = "auth.mfa.recovery-codes";
  public static final String VERIFY_RATE_LIMIT = "auth.mfa.verify-rate-limit";
  public static final String TOTP_WINDOW = "auth.mfa.totp-window";

  /** The default of {@link #VERIFY_RATE_LIMIT}. */
  public static final RateLimitRule DEFAULT_VERIFY_RATE_LIMIT = RateLimitRule.parse("10/minute");

  private static final String KEY_FIX = "generate one: openssl rand -base64 32";

  public MfaSettings {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(encryptionKey, "encryptionKey");
    Objects.requireNonNull(challengeTtl, "challengeTtl");
    Objects.requireNonNull(verifyRateLimit, "verifyRateLimit");
    if (totpWindow < 0 || totpWindow > 1) {
      throw new IllegalArgumentException("totpWindow must be 0 or 1");
    }
  }

  /** These settings with the default {@link #totpWindow} (one step either side). */
  public MfaSettings(
      boolean enabled,
      String issuer,
      byte[] encryptionKey,
      byte[] previousEncryptionKey,
      Duration challengeTtl,
      int maxChallengeFailures,
      int recoveryCodes,
      RateLimitRule verifyRateLimit) {
    this(
        enabled,
        issuer,
        encryptionKey,
        previousEncryptionKey,
        challengeTtl,
        maxChallengeFailures,
        recoveryCodes,
        verifyRateLimit,
        Totp.WINDOW);
  }

  /** These settings with the default {@link #verifyRateLimit}. */
  public MfaSettings(
      boolean enabled,
      String issuer,
      byte[] encryptionKey,
      byte[] previousEncryptionKey,
      Duration challengeTtl,
      int maxChallengeFailures,
      int recoveryCodes) {
    this(
        enabled,
        issuer,
        encryptionKey,
        previousEncryptionKey,
        challengeTtl,
        maxChallengeFailures,
        recoveryCodes,
        DEFAULT_VERIFY_RATE_LIMIT);
  }

  /** MFA off (the defaults of {@code reference.conf}, with a random key that encrypts nothing). */
  public static MfaSettings disabled() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new MfaSettings(false, "Portcullis", key, null, Duration.ofMinutes(5), 5, 10);
  }

  /** MFA on, with a random key (its secrets do not outlive the process): for tests. */
  public static MfaSettings forTests() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return new MfaSettings(true, "Portcullis", key, null, Duration.ofMinutes(5), 5, 10);
  }

  /** The cipher of factor secrets under these keys. */
  public SeedCipher cipher(SecureRandom random) {
    return new SeedCipher(encryptionKey, previousEncryptionKey, random);
  }

  /**
   * Reads {@code auth.mfa}. With MFA on, staging and production require {@code encryption-key} (32
   * bytes, base64); development generates one and warns that enrolments do not survive a restart.
   */
  public static MfaSettings read(SettingsReader r) {
    boolean enabled = r.bool(ENABLED);
    String issuer = r.string(ISSUER);
    if (issuer.isBlank() || issuer.contains(":")) {
      r.problem(ISSUER, "must be non-blank and hold no ':'.", "set a name such as \"Example\"");
    }
    Duration ttl = r.positiveDuration(CHALLENGE_TTL);
    // ASVS 5.0 6.5.5: a pending authentication request lives at most 10 minutes.
    if (ttl.compareTo(Duration.ofMinutes(10)) > 0) {
      r.problem(CHALLENGE_TTL, "is longer than 10 minutes.", "use 5m, the default, or at most 10m");
    }
    int failures = r.integer(MAX_FAILURES, 1, 10);
    int codes = r.integer(RECOVERY_CODES, 5, 20);
    int window = r.integer(TOTP_WINDOW, 0, 1);
    RateLimitRule verifyLimit =
        r.parsed(
            VERIFY_RATE_LIMIT,
            DEFAULT_VERIFY_RATE_LIMIT,
            RateLimitRule::parse,
            "write it as N/unit, for example \"10/minute\"");
    byte[] key = key(r, KEY);
    byte[] previous = key(r, PREVIOUS_KEY);
    if (key == null) {
      if (enabled && r.environment().strict()) {
        r.problem(
            KEY,
            "is required when "
                + ENABLED
                + " is true in "
                + r.environment().value()
                + ": TOTP seeds are encrypted under it.",
            KEY_FIX);
      } else if (enabled) {
        r.warn(
            KEY
                + " (env "
                + SettingsReader.environmentVariable(KEY)
                + ") is not set: a random key was generated, so TOTP enrolments do not survive a"
                + " restart. Fix: "
                + KEY_FIX);
      }
      key = new byte[32];
      new SecureRandom().nextBytes(key);
    }
    return new MfaSettings(
        enabled, issuer, key, previous, ttl, failures, codes, verifyLimit, window);
  }

  private static byte[] key(SettingsReader r, String name) {
    var value = r.optionalString(name);
    if (value.isEmpty() || value.get().isBlank()) {
      return null;
    }
    if (SettingsReader.isPlaceholder(value.get())) {
      r.insecure(name, "is a placeholder value.", KEY_FIX);
      return null;
    }
    try {
      byte[] key = Base64.getDecoder().decode(value.get().strip());
      if (key.length != 32) {
        r.problem(name, "decodes to " + key.length + " bytes; it must be 32.", KEY_FIX);
        return null;
      }
      return key;
    } catch (IllegalArgumentException e) {
      r.problem(name, "is not base64.", KEY_FIX);
      return null;
    }
  }

  @Override
  public String toString() {
    return "MfaSettings[enabled="
        + enabled
        + ", issuer="
        + issuer
        + ", encryptionKey=<redacted>, previousEncryptionKey="
        + (previousEncryptionKey == null ? "none" : "<redacted>")
        + ", challengeTtl="
        + challengeTtl
        + ", maxChallengeFailures="
        + maxChallengeFailures
        + ", recoveryCodes="
        + recoveryCodes
        + ", verifyRateLimit="
        + verifyRateLimit
        + ", totpWindow="
        + totpWindow
        + "]";
  }
}
