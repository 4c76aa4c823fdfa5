package dev.portcullis.auth.core.hash;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret kept outside the database and mixed into new password hashes (see {@link
 * PasswordHashers} for how). Immutable and thread-safe: the bytes are copied in and out. {@link
 * #toString()} never shows them, {@link #equals(Object)} compares them in constant time, and {@link
 * #hashCode()} depends only on their length.
 */
public final class Pepper {
  /** Shortest accepted pepper, bytes (staging and production ask for 32). */
  public static final int MIN_LENGTH = 16;

  private final byte[] bytes;

  private Pepper(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * A pepper of a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if it is shorter than {@link #MIN_LENGTH} bytes (the message
   *     gives the length, never the bytes)
   * @throws NullPointerException if {@code bytes} is null
   */
  public static Pepper of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "Invalid pepper: it must be at least "
              + MIN_LENGTH
              + " bytes, was "
              + bytes.length
              + " bytes; generate one with: openssl rand -base64 32");
    }
    return new Pepper(bytes.clone());
  }

  /** A copy of the secret bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Whether {@code other} is a pepper of the same bytes, compared in constant time. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Pepper that && MessageDigest.isEqual(bytes, that.bytes);
  }

  /** The length only, so that a hash code says nothing about the secret. */
  @Override
  public int hashCode() {
    return bytes.length;
  }

  /** {@code Pepper[redacted]}: never the bytes. */
  @Override
  public String toString() {
    return "Pepper[redacted]";
  }
}
