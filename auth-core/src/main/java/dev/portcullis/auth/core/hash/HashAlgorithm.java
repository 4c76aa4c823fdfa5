package dev.portcullis.auth.core.hash;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The algorithms a {@link dev.portcullis.auth.api.PasswordHasher} from {@link PasswordHashers} can
 * hash with.
 */
public enum HashAlgorithm {
  /** Argon2id, RFC 9106; the default and the recommendation. */
  ARGON2ID("argon2id"),
  /** bcrypt ({@code $2b$}); takes at most 72 bytes of password. */
  BCRYPT("bcrypt"),
  /** scrypt, RFC 7914. */
  SCRYPT("scrypt"),
  /** PBKDF2 with HMAC-SHA-256, RFC 8018. */
  PBKDF2_SHA256("pbkdf2-sha256"),
  /** PBKDF2 with HMAC-SHA-512, RFC 8018. */
  PBKDF2_SHA512("pbkdf2-sha512");

  private final String id;

  HashAlgorithm(String id) {
    this.id = id;
  }

  /**
   * The name used in configuration files, for example {@code argon2id} or {@code pbkdf2-sha256}.
   */
  public String id() {
    return id;
  }

  /**
   * The algorithm with this {@link #id()}, ignoring case.
   *
   * @throws IllegalArgumentException if no algorithm has that id; the message lists the valid ones
   */
  public static HashAlgorithm fromId(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (HashAlgorithm algorithm : values()) {
      if (algorithm.id.equals(wanted)) {
        return algorithm;
      }
    }
    throw new IllegalArgumentException(
        "Unknown password hash algorithm '"
            + id
            + "'; use one of "
            + Arrays.stream(values()).map(HashAlgorithm::id).collect(Collectors.joining(", ")));
  }
}
