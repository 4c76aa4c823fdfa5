package dev.portcullis.auth.oauth.client;

import dev.portcullis.auth.api.PasswordHasher;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Client secrets: generated with 256 bits of entropy in the URL-safe Base64 alphabet (no padding,
 * so they survive form encoding and Basic credentials unchanged), stored only as a self-describing
 * hash ({@code sha256:<hex>}, or an {@code $argon2id$...} hash given by an operator) and compared
 * in constant time. A 256-bit random secret needs no slow hash: SHA-256 of it cannot be reversed by
 * guessing. Thread-safe.
 */
public final class ClientSecrets {

  /** The prefix of SHA-256 secret hashes. */
  public static final String SHA256_PREFIX = "sha256:";

  /** Bytes of entropy in a generated secret. */
  public static final int SECRET_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PasswordHasher slowHashes;

  /**
   * @param slowHashes verifies operator-given slow hashes ({@code $argon2id$...}, {@code $2b$...})
   */
  public ClientSecrets(PasswordHasher slowHashes) {
    this.slowHashes = Objects.requireNonNull(slowHashes, "slowHashes");
  }

  /** A new secret: 32 random bytes, URL-safe Base64 without padding (43 characters). */
  public static String generate() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The hash stored for {@code secret}: {@code sha256:} and the hex SHA-256 of its UTF-8 bytes. */
  public static String hash(String secret) {
    Objects.requireNonNull(secret, "secret");
    return SHA256_PREFIX + HexFormat.of().formatHex(sha256(secret));
  }

  /** Whether this class can verify {@code secretHash}. Never throws. */
  public boolean supports(String secretHash) {
    if (secretHash == null) {
      return false;
    }
    if (secretHash.startsWith(SHA256_PREFIX)) {
      String hex = secretHash.substring(SHA256_PREFIX.length());
      return hex.length() == 64 && hex.chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
    return slowHashes.supports(secretHash);
  }

  /**
   * Whether {@code presented} matches {@code secretHash}, in time independent of where they differ.
   * False for a null or unsupported hash.
   */
  public boolean matches(String presented, String secretHash) {
    if (presented == null || !supports(secretHash)) {
      return false;
    }
    if (secretHash.startsWith(SHA256_PREFIX)) {
      byte[] expected = HexFormat.of().parseHex(secretHash.substring(SHA256_PREFIX.length()));
      return MessageDigest.isEqual(expected, sha256(presented));
    }
    return slowHashes.verify(presented, secretHash);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
