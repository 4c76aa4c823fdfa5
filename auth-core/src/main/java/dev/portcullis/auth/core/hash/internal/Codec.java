package dev.portcullis.auth.core.hash.internal;

import java.util.Base64;

/**
 * The text encodings of stored hashes. Every decoder throws {@link MalformedHashException} with a
 * fixed description, never echoing the text it was given (the JDK's own messages quote the bad
 * character).
 */
final class Codec {
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
  private static final String BCRYPT_ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Codec() {}

  /** Standard base64 without padding, as PHC strings use. */
  static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Standard base64, padding optional. */
  static byte[] unb64(String text, String what) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean padding = c == '=' && i >= text.length() - 2;
      if (!(isAlphanumeric(c) || c == '+' || c == '/' || padding)) {
        throw new MalformedHashException(what + " is not base64");
      }
    }
    try {
      return B64_DECODER.decode(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedHashException(what + " is not base64");
    }
  }

  /** Passlib's "adapted base64": standard base64 with '.' for '+' and no padding. */
  static byte[] unab64(String text, String what) {
    if (text.indexOf('+') >= 0 || text.indexOf('=') >= 0) {
      throw new MalformedHashException(what + " is not adapted base64");
    }
    return unb64(text.replace('.', '+'), what);
  }

  /** Hexadecimal, either case. */
  static byte[] unhex(String text, String what) {
    if (text.length() % 2 != 0) {
      throw new MalformedHashException(what + " is not hexadecimal");
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      int high = Character.digit(text.charAt(2 * i), 16);
      int low = Character.digit(text.charAt(2 * i + 1), 16);
      if (high < 0 || low < 0) {
        throw new MalformedHashException(what + " is not hexadecimal");
      }
      out[i] = (byte) (high << 4 | low);
    }
    return out;
  }

  /** Lower-case hexadecimal. */
  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * bcrypt's base64 ("./A-Za-z0-9", no padding) of exactly {@code length} bytes. Like OpenBSD, the
   * unused low bits of the last character are ignored.
   */
  static byte[] unbcrypt64(String text, int length, String what) {
    if (text.length() != (length * 4 + 2) / 3) {
      throw new MalformedHashException(what + " has the wrong length");
    }
    byte[] out = new byte[length];
    int bits = 0;
    int bitCount = 0;
    int written = 0;
    for (int i = 0; i < text.length(); i++) {
      int value = BCRYPT_ALPHABET.indexOf(text.charAt(i));
      if (value < 0) {
        throw new MalformedHashException(what + " is not bcrypt base64");
      }
      bits = (bits << 6) | value;
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        if (written < length) {
          out[written++] = (byte) (bits >> bitCount);
        }
        bits &= (1 << bitCount) - 1;
      }
    }
    return out;
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
