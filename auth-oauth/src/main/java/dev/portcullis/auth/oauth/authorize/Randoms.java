package dev.portcullis.auth.oauth.authorize;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** 256-bit random values in the URL-safe Base64 alphabet, and their SHA-256 for the stores. */
final class Randoms {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Randoms() {}

  /** 32 random bytes as 43 URL-safe Base64 characters without padding. */
  static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Lower-case hex SHA-256 of {@code value}'s UTF-8 bytes. */
  static String sha256Hex(String value) {
    return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Unpadded base64url of the SHA-256 of {@code value}'s ASCII bytes (PKCE S256). */
  static String s256(String value) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(sha256(value.getBytes(StandardCharsets.US_ASCII)));
  }

  /** Whether {@code a} equals {@code b}, in time that does not depend on where they differ. */
  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
