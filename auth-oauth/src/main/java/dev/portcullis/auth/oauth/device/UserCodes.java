package dev.portcullis.auth.oauth.device;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * User codes of the device flow (RFC 8628 section 6.1): 8 characters from 20 consonants ({@code
 * BCDFGHJKLMNPQRSTVWXZ}: no vowels, so no words; no digits, so nothing to confuse with letters),
 * about 34.6 bits, shown as {@code XXXX-XXXX}. What a user types is normalised before it is
 * compared: upper case, dashes and white space dropped. Stored only as the SHA-256 of the
 * normalised code. Thread-safe.
 */
public final class UserCodes {

  /** The 20 letters a user code is made of. */
  public static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

  /** Letters in a user code. */
  public static final int LENGTH = 8;

  private UserCodes() {}

  /** A new random user code, normalised (8 letters, no dash). */
  public static String generate(SecureRandom random) {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * What a user typed, normalised: upper case, without dashes and white space; empty if it is not 8
   * letters of the alphabet then.
   */
  public static Optional<String> normalize(String typed) {
    if (typed == null || typed.length() > 64) {
      return Optional.empty();
    }
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < typed.length(); i++) {
      char c = typed.charAt(i);
      if (c == '-' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        continue;
      }
      char upper = String.valueOf(c).toUpperCase(Locale.ROOT).charAt(0);
      if (ALPHABET.indexOf(upper) < 0 || code.length() == LENGTH) {
        return Optional.empty();
      }
      code.append(upper);
    }
    return code.length() == LENGTH ? Optional.of(code.toString()) : Optional.empty();
  }

  /** A normalised code as a user reads it: {@code XXXX-XXXX}. */
  public static String display(String normalized) {
    return normalized.substring(0, LENGTH / 2) + "-" + normalized.substring(LENGTH / 2);
  }

  /** The lower-case hex SHA-256 of a normalised code, as the store keeps it. */
  public static String hash(String normalized) {
    return sha256(normalized);
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
