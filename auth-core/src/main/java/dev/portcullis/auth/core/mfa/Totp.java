package dev.portcullis.auth.core.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) over HOTP (RFC 4226), with the parameters every
 * authenticator app uses: HMAC-SHA-1, 6 digits, 30-second steps from the Unix epoch. A code is
 * accepted for the current step and one step either side. Stateless and thread-safe; time comes
 * from the caller.
 */
public final class Totp {

  /** Seconds per step. */
  public static final int STEP_SECONDS = 30;

  /** Digits per code. */
  public static final int DIGITS = 6;

  /** Steps accepted either side of the current one by default ({@code auth.mfa.totp-window}). */
  public static final int WINDOW = 1;

  /** Seed length in bytes (160 bits, RFC 4226 section 4's recommendation). */
  public static final int SEED_BYTES = 20;

  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private Totp() {}

  /** The step {@code at} falls in. */
  public static long step(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
  }

  /** The 6-digit HMAC-SHA-1 code of {@code seed} for {@code step}. */
  public static String code(byte[] seed, long step) {
    return hotp("HmacSHA1", seed, step, DIGITS);
  }

  /**
   * HOTP (RFC 4226 section 5.3) with any JCA HMAC algorithm, as RFC 6238 allows.
   *
   * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512}
   * @param digits 6 to 9
   */
  public static String hotp(String algorithm, byte[] key, long counter, int digits) {
    Objects.requireNonNull(key, "key");
    if (digits < 6 || digits > 9) {
      throw new IllegalArgumentException("digits must be 6 to 9");
    }
    byte[] h;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key, "RAW"));
      h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC " + algorithm + " is not available", e);
    }
    int offset = h[h.length - 1] & 0x0f;
    int binary =
        ((h[offset] & 0x7f) << 24)
            | ((h[offset + 1] & 0xff) << 16)
            | ((h[offset + 2] & 0xff) << 8)
            | (h[offset + 3] & 0xff);
    String s = Integer.toString(binary % POWERS[Math.min(digits, 9)]);
    return "0".repeat(digits - s.length()) + s;
  }

  /**
   * The step within {@link #WINDOW} of {@code now} whose code is {@code code}, or -1. Every step of
   * the window is computed and compared in constant time, so timing tells nothing about which step
   * (if any) matched.
   */
  public static long match(byte[] seed, String code, Instant now) {
    return match(seed, code, now, WINDOW);
  }

  /**
   * The step within {@code window} steps of {@code now} (0: only the current step, so a code lives
   * at most 30 s) whose code is {@code code}, or -1; in constant time as above.
   */
  public static long match(byte[] seed, String code, Instant now, int window) {
    if (window < 0 || window > 1) {
      throw new IllegalArgumentException("window must be 0 or 1");
    }
    if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    byte[] given = code.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    long current = step(now);
    long found = -1;
    for (long s = current - window; s <= current + window; s++) {
      byte[] expected = code(seed, s).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, given) && found < 0) {
        found = s;
      }
    }
    return found;
  }
}
