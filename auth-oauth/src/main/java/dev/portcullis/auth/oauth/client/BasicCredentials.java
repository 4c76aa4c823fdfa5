package dev.portcullis.auth.oauth.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The client id and secret of an {@code Authorization: Basic} header at the token endpoint (RFC
 * 6749 section 2.3.1 over RFC 7617): Base64 decoded strictly (canonical padding and bits), UTF-8
 * decoded strictly, split at the first {@code ':'}, then each half form-urldecoded ({@code +} is a
 * space, {@code %XX} a byte, the bytes UTF-8). {@link #toString()} hides the secret.
 */
record BasicCredentials(String clientId, String secret) {

  /** Thrown by {@link #parse} with what is wrong, never with the header's content. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether {@code header} uses the Basic scheme (case-insensitive, RFC 7235 section 2.1). */
  static boolean isBasic(String header) {
    return header.length() >= 6
        && header.regionMatches(true, 0, "Basic", 0, 5)
        && header.charAt(5) == ' ';
  }

  /**
   * The scheme of an Authorization header, for messages: the word before the first space, or a
   * placeholder when the header has no space (then it may be a bare credential, never echoed).
   */
  static String scheme(String header) {
    int space = header.indexOf(' ');
    if (space <= 0 || space > 32) {
      return "(no scheme)";
    }
    String s = header.substring(0, space);
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? s : "(no scheme)";
  }

  /**
   * Parses a Basic header.
   *
   * @throws Malformed naming what is wrong (never echoing the header)
   */
  static BasicCredentials parse(String header) throws Malformed {
    if (!isBasic(header)) {
      throw new Malformed("the Authorization header is not 'Basic <credentials>'");
    }
    String token = header.substring(6).strip();
    if (token.isEmpty() || token.indexOf(' ') >= 0) {
      throw new Malformed("the Basic credentials must be one Base64 value after 'Basic '");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(token);
    } catch (IllegalArgumentException e) {
      throw new Malformed("the Basic credentials are not Base64");
    }
    // Canonical only: padding present, unused bits zero (one credential has one encoding).
    if (token.length() % 4 != 0 || !Base64.getEncoder().encodeToString(raw).equals(token)) {
      throw new Malformed("the Basic credentials are not canonical padded Base64");
    }
    String decoded = utf8(raw, "the Basic credentials are not UTF-8");
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new Malformed("the Basic credentials have no ':' between client id and secret");
    }
    String id = formDecode(decoded.substring(0, colon), "client id");
    String secret = formDecode(decoded.substring(colon + 1), "client secret");
    if (id.isEmpty()) {
      throw new Malformed("the Basic credentials have an empty client id");
    }
    return new BasicCredentials(id, secret);
  }

  /**
   * {@code application/x-www-form-urlencoded} decoding of one value: {@code +} is a space, {@code
   * %XX} a byte, and the bytes are strict UTF-8.
   */
  static String formDecode(String value, String what) throws Malformed {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '+') {
        out.write(' ');
      } else if (c == '%') {
        if (i + 2 >= value.length()) {
          throw new Malformed("the " + what + " has a truncated percent-escape");
        }
        int hi = Character.digit(value.charAt(i + 1), 16);
        int lo = Character.digit(value.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw new Malformed("the " + what + " has a malformed percent-escape");
        }
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isSurrogate(c)) {
          // A surrogate pair: encode both halves together.
          if (Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1))) {
            b = value.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
            i++;
          } else {
            throw new Malformed("the " + what + " is not valid UTF-16");
          }
        }
        out.write(b, 0, b.length);
      }
    }
    return utf8(out.toByteArray(), "the " + what + " is not UTF-8 once percent-decoded");
  }

  private static String utf8(byte[] bytes, String problem) throws Malformed {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new Malformed(problem);
    }
  }

  @Override
  public String toString() {
    return "BasicCredentials[clientId=" + clientId + ", secret=<redacted>]";
  }
}
