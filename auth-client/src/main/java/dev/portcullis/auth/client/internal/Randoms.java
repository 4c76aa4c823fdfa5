package dev.portcullis.auth.client.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random values (state, nonce, jti) and PKCE (RFC 7636). */
public final class Randoms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private Randoms() {}

  /** 256 random bits, base64url without padding (43 characters). */
  public static String value256() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return URL.encodeToString(bytes);
  }

  /** A PKCE code verifier: 256 random bits, 43 unreserved characters (RFC 7636 §4.1). */
  public static String codeVerifier() {
    return value256();
  }

  /** The S256 code challenge of {@code verifier} (RFC 7636 §4.2). */
  public static String s256(String verifier) {
    return URL.encodeToString(sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Compares two strings in time independent of where they differ. */
  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
