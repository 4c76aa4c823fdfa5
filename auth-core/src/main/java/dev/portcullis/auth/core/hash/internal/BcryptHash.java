package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.core.hash.BcryptParams;
import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingSettings;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bcrypt as OpenBSD writes it, {@code $2a$}, {@code $2b$} or {@code $2y$}, then a two-digit cost
 * and 22 + 31 characters of bcrypt base64 (salt, hash); also behind Spring Security's {@code
 * {bcrypt}}. New hashes are {@code $2b$}.
 *
 * <p>bcrypt reads at most 72 bytes of password. Every implementation that wrote the hashes we
 * import dropped the rest, and so does verification here: a password longer than 72 bytes matches a
 * stored bcrypt hash when its first 72 bytes do, so users migrated from such systems can still log
 * in (and then get rehashed). New hashes are never made from such passwords; the hasher refuses
 * them instead of silently dropping bytes.
 *
 * <p>bcrypt has no place for parameters, so a peppered hash carries its marker in front: {@code
 * $bcrypt-pepper$pepper=<id>$2b$<cost>$...}.
 */
final class BcryptHash implements StoredHash {
  static final int MAX_PASSWORD_BYTES = BcryptParams.MAX_PASSWORD_BYTES;
  static final int SALT_LENGTH = 16;
  static final String PEPPER_SCHEME = "bcrypt-pepper";
  private static final String PEPPER_PREFIX =
      "$" + PEPPER_SCHEME + "$" + Phc.PEPPER_PARAMETER + "=";
  private static final int HASH_LENGTH = 23;
  private static final Pattern FORMAT =
      Pattern.compile("\\$(2[aby])\\$([0-9]{2})\\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})");

  private final boolean wrapped;
  private final String minor;
  private final int cost;
  private final byte[] salt;
  private final byte[] hash;
  private final String pepperId;

  private BcryptHash(
      boolean wrapped, String minor, int cost, byte[] salt, byte[] hash, String pepperId) {
    this.wrapped = wrapped;
    this.minor = minor;
    this.cost = cost;
    this.salt = salt;
    this.hash = hash;
    this.pepperId = pepperId;
  }

  /**
   * Parses {@code $2b$12$...}.
   *
   * @param wrapped whether it came behind a foreign prefix ({@code {bcrypt}}), which always asks
   *     for a rehash
   */
  static BcryptHash parse(String text, boolean wrapped) {
    return parse(text, wrapped, null);
  }

  /** Parses {@code $bcrypt-pepper$pepper=<id>$2b$12$...}. */
  static BcryptHash parsePeppered(String text) {
    int innerStart = text.indexOf('$', PEPPER_PREFIX.length());
    if (!text.startsWith(PEPPER_PREFIX) || innerStart < 0) {
      throw new MalformedHashException("it is not of the form $bcrypt-pepper$pepper=<id>$2b$...");
    }
    String id = Lengths.pepperId(text.substring(PEPPER_PREFIX.length(), innerStart));
    return parse(text.substring(innerStart), false, id);
  }

  private static BcryptHash parse(String text, boolean wrapped, String pepperId) {
    Matcher matcher = FORMAT.matcher(text);
    if (!matcher.matches()) {
      throw new MalformedHashException(
          "it is not $2a$, $2b$ or $2y$, a two-digit cost and 53 characters of bcrypt base64");
    }
    int cost = Integer.parseInt(matcher.group(2));
    if (cost < CostLimits.BCRYPT_MIN_COST || cost > CostLimits.BCRYPT_MAX_COST) {
      throw new MalformedHashException(
          "its cost is outside the accepted range "
              + CostLimits.BCRYPT_MIN_COST
              + " to "
              + CostLimits.BCRYPT_MAX_COST);
    }
    byte[] salt = Codec.unbcrypt64(matcher.group(3), SALT_LENGTH, "the salt");
    byte[] hash = Codec.unbcrypt64(matcher.group(4), HASH_LENGTH, "the hash");
    return new BcryptHash(wrapped, matcher.group(1), cost, salt, hash, pepperId);
  }

  /**
   * A new {@code $2b$} hash. The caller has made sure that {@code password} is at most 72 bytes or
   * is the 32-byte peppered form.
   */
  static String create(int cost, byte[] password, byte[] salt, String pepperId) {
    String hash = Kdf.bcrypt("2b", password, salt, cost);
    return pepperId == null ? hash : PEPPER_PREFIX + pepperId + hash;
  }

  @Override
  public String pepperId() {
    return pepperId;
  }

  @Override
  public boolean matches(byte[] password) {
    byte[] used =
        password.length > MAX_PASSWORD_BYTES
            ? Arrays.copyOf(password, MAX_PASSWORD_BYTES)
            : password;
    try {
      String regenerated = Kdf.bcrypt(minor, used, salt, cost);
      byte[] computed = Codec.unbcrypt64(regenerated.substring(29), HASH_LENGTH, "the hash");
      return ConstantTime.equals(computed, hash);
    } finally {
      if (used != password) {
        Passwords.wipe(used);
      }
    }
  }

  @Override
  public boolean needsRehash(HashingSettings current) {
    return wrapped || current.algorithm() != HashAlgorithm.BCRYPT || cost < current.bcrypt().cost();
  }
}
