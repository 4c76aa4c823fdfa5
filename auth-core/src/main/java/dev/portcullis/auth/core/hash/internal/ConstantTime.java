package dev.portcullis.auth.core.hash.internal;

import java.security.MessageDigest;

/** Comparison whose time depends only on the lengths of its inputs, never on their contents. */
public final class ConstantTime {
  private ConstantTime() {}

  /**
   * Whether {@code a} and {@code b} hold the same bytes. Uses {@link MessageDigest#isEqual}, which
   * has compared in constant time since JDK 6u17; {@code null} equals only {@code null}.
   */
  public static boolean equals(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b;
    }
    return MessageDigest.isEqual(a, b);
  }
}
