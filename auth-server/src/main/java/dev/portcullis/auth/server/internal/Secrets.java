package dev.portcullis.auth.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Secret comparison that takes the same time wherever the first difference is. */
public final class Secrets {
  private Secrets() {}

  /**
   * Whether {@code presented} equals {@code expected}, in constant time: both are hashed first, so
   * neither the position of a difference nor the expected length shows in the timing.
   *
   * @return false when either is null
   */
  public static boolean matches(String presented, String expected) {
    if (presented == null || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(sha256(presented), sha256(expected));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
