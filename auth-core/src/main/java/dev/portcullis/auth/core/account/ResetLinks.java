package dev.portcullis.auth.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** The secrets of reset links: how they are made, and the only form in which they are stored. */
final class ResetLinks {
  private static final int TOKEN_BYTES = 32;

  private ResetLinks() {}

  /** 256 random bits, base64url without padding. */
  static String newToken(SecureRandom random) {
    byte[] b = new byte[TOKEN_BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Lower-case hex SHA-256 of the token's UTF-8 bytes: the only form in which it is stored. */
  static String sha256Hex(String token) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
