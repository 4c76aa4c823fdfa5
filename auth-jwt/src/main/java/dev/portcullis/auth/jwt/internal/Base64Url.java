package dev.portcullis.auth.jwt.internal;

import java.util.Base64;

/**
 * Strict unpadded base64url (RFC 7515 section 2): only {@code A-Z a-z 0-9 - _}, no padding, no
 * whitespace, no length that no byte string encodes to, and zero unused bits in the last character.
 * Anything else is refused, so one byte string has exactly one accepted encoding and a signature
 * cannot be carried over to a re-encoded token.
 */
public final class Base64Url {

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Base64Url() {}

  /** The unpadded base64url encoding of {@code bytes}. */
  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes strictly.
   *
   * @throws IllegalArgumentException naming the first problem (never echoing the input)
   */
  public static byte[] decode(String text) {
    return decode(text, 0, text.length());
  }

  /**
   * Decodes {@code text[from, to)} strictly, without copying it out first; positions in messages
   * count from {@code from}.
   *
   * @throws IllegalArgumentException naming the first problem (never echoing the input)
   */
  public static byte[] decode(String text, int from, int to) {
    int n = to - from;
    // Sized for the longest valid text; a length no text can have is refused after the scan,
    // which names the first bad character first, as the message promises.
    byte[] out = new byte[n / 4 * 3 + Math.max(0, n % 4 - 1)];
    int o = 0;
    int bits = 0;
    int last = -1;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(from + i);
      int v = c < 256 ? VALUES[c] : -1;
      if (v < 0) {
        String what =
            c == '='
                ? "padding '='"
                : Character.isWhitespace(c)
                    ? "whitespace"
                    : c < 0x20 || c > 0x7e ? "a non-printable character" : "'" + c + "'";
        throw new IllegalArgumentException(
            "contains " + what + " at position " + i + ", which base64url does not allow");
      }
      bits = bits << 6 | v;
      if ((i & 3) == 3) {
        out[o++] = (byte) (bits >> 16);
        out[o++] = (byte) (bits >> 8);
        out[o++] = (byte) bits;
        bits = 0;
      }
      last = v;
    }
    switch (n % 4) {
      case 1 -> throw new IllegalArgumentException("has a length no base64url text can have");
      case 2 -> {
        if ((last & 0x0f) != 0) {
          throw new IllegalArgumentException("ends in a character with non-zero unused bits");
        }
        out[o] = (byte) (bits >> 4);
      }
      case 3 -> {
        if ((last & 0x03) != 0) {
          throw new IllegalArgumentException("ends in a character with non-zero unused bits");
        }
        out[o++] = (byte) (bits >> 10);
        out[o] = (byte) (bits >> 2);
      }
      default -> {}
    }
    return out;
  }

  private static final int[] VALUES = new int[256];

  static {
    for (char c = 0; c < 256; c++) {
      VALUES[c] = value(c);
    }
  }

  /**
   * Decodes {@code bytes[from, to)} (base64url text as ISO-8859-1 bytes) strictly, four characters
   * at a time: the fast path of token verification. Refuses exactly what {@link #decode(String,
   * int, int)} refuses, but its message does not say why; callers that explain run that one on a
   * refusal.
   *
   * @throws IllegalArgumentException if the text is not strict unpadded base64url
   */
  public static byte[] decode(byte[] bytes, int from, int to) {
    int n = to - from;
    int rest = n & 3;
    if (rest == 1) {
      throw new IllegalArgumentException("is not strict base64url");
    }
    byte[] out = new byte[n / 4 * 3 + Math.max(0, rest - 1)];
    int o = 0;
    int i = from;
    for (int full = from + (n & ~3); i < full; i += 4) {
      int a = VALUES[bytes[i] & 0xff];
      int b = VALUES[bytes[i + 1] & 0xff];
      int c = VALUES[bytes[i + 2] & 0xff];
      int d = VALUES[bytes[i + 3] & 0xff];
      if ((a | b | c | d) < 0) {
        throw new IllegalArgumentException("is not strict base64url");
      }
      int bits = a << 18 | b << 12 | c << 6 | d;
      out[o] = (byte) (bits >> 16);
      out[o + 1] = (byte) (bits >> 8);
      out[o + 2] = (byte) bits;
      o += 3;
    }
    if (rest > 0) {
      int a = VALUES[bytes[i] & 0xff];
      int b = VALUES[bytes[i + 1] & 0xff];
      int c = rest == 3 ? VALUES[bytes[i + 2] & 0xff] : 0;
      if ((a | b | c) < 0 || (rest == 2 ? (b & 0x0f) != 0 : (c & 0x03) != 0)) {
        throw new IllegalArgumentException("is not strict base64url");
      }
      out[o] = (byte) (a << 2 | b >> 4);
      if (rest == 3) {
        out[o + 1] = (byte) (b << 4 | c >> 2);
      }
    }
    return out;
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    if (c == '_') {
      return 63;
    }
    return -1;
  }
}
