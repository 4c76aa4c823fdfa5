package dev.portcullis.auth.core.mfa;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts factor secrets at rest with AES-256-GCM. The ciphertext names the key that made it
 * ({@code v1.<key id>.<base64url(iv || ciphertext || tag)>}), and the user id is authenticated
 * data, so a ciphertext moved to another user's row does not decrypt. New secrets use the current
 * key; a previous key still decrypts, so keys rotate without a migration ({@link
 * #needsReencryption}). Thread-safe.
 */
public final class SeedCipher {
  private static final String PREFIX = "v1.";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecureRandom random;
  private final String currentId;
  private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

  /**
   * @param current the 32-byte key new secrets are encrypted under
   * @param previous a 32-byte key that only decrypts, or null
   * @throws IllegalArgumentException if a key is not 32 bytes
   */
  public SeedCipher(byte[] current, byte[] previous, SecureRandom random) {
    this.random = Objects.requireNonNull(random, "random");
    this.currentId = add(current);
    if (previous != null) {
      add(previous);
    }
  }

  private String add(byte[] key) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException("an MFA encryption key must be 32 bytes");
    }
    String id = keyId(key);
    keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
    return id;
  }

  /** A short, non-secret id of {@code key}: the first 6 bytes of its SHA-256, base64url. */
  static String keyId(byte[] key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 6));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code secret} encrypted under the current key, bound to {@code userId}. */
  public String encrypt(String userId, byte[] secret) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad(userId));
      byte[] ct = c.doFinal(secret);
      byte[] out = new byte[iv.length + ct.length];
      System.arraycopy(iv, 0, out, 0, iv.length);
      System.arraycopy(ct, 0, out, iv.length, ct.length);
      return PREFIX + currentId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The secret, or empty when the ciphertext is malformed, was made under a key this cipher does
   * not hold, belongs to another user or was altered.
   */
  public Optional<byte[]> decrypt(String userId, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = stored.substring(PREFIX.length()).split("\\.", -1);
    if (parts.length != 2 || !keys.containsKey(parts[0])) {
      return Optional.empty();
    }
    try {
      byte[] in = Base64.getUrlDecoder().decode(parts[1]);
      if (in.length <= IV_BYTES) {
        return Optional.empty();
      }
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE, keys.get(parts[0]), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      c.updateAAD(aad(userId));
      return Optional.of(c.doFinal(in, IV_BYTES, in.length - IV_BYTES));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code stored} was made under a key other than the current one. */
  public boolean needsReencryption(String stored) {
    return stored == null || !stored.startsWith(PREFIX + currentId + ".");
  }

  private static byte[] aad(String userId) {
    return ("portcullis-mfa-seed:" + userId).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "SeedCipher[keys=" + keys.keySet() + ", current=" + currentId + "]";
  }
}
