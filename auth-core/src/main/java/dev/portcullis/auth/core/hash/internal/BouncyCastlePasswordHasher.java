package dev.portcullis.auth.core.hash.internal;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.core.hash.HashAlgorithm;
import dev.portcullis.auth.core.hash.HashingSettings;
import dev.portcullis.auth.core.hash.Pepper;
import dev.portcullis.auth.core.hash.internal.Kdf.Prf;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The {@link PasswordHasher} of {@code PasswordHashers.create}: hashes with the settings'
 * algorithm, verifies every supported scheme. Immutable apart from its {@link SecureRandom}, which
 * is thread-safe, so one instance serves all threads. Never logs.
 */
public final class BouncyCastlePasswordHasher implements PasswordHasher {
  static final String BCRYPT_TOO_LONG =
      "bcrypt takes at most 72 bytes of password and this"
          + " password is longer in UTF-8; bcrypt would silently ignore the rest. Hash with argon2id"
          + " (HashAlgorithm.ARGON2ID), which takes passwords of any length, or cap passwords at 72"
          + " bytes in the password policy";

  private final HashingSettings settings;
  private final byte[] pepper;
  private final String pepperId;
  private final SecureRandom random = new SecureRandom();

  /** A hasher for {@code settings}. */
  public BouncyCastlePasswordHasher(HashingSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.pepper = settings.pepper().map(Pepper::bytes).orElse(null);
    this.pepperId = pepper == null ? null : Passwords.pepperId(pepper);
  }

  @Override
  public String hash(CharSequence password) {
    Objects.requireNonNull(password, "password");
    byte[] utf8 = Passwords.utf8ForNewHash(password);
    byte[] input = utf8;
    try {
      HashAlgorithm algorithm = settings.algorithm();
      if (algorithm == HashAlgorithm.BCRYPT
          && pepper == null
          && utf8.length > BcryptHash.MAX_PASSWORD_BYTES) {
        throw new IllegalArgumentException(BCRYPT_TOO_LONG);
      }
      if (pepper != null) {
        input = Passwords.pepper(pepper, utf8);
      }
      return switch (algorithm) {
        case ARGON2ID -> Argon2Hash.create(settings, input, salt(), pepperId);
        case BCRYPT ->
            BcryptHash.create(
                settings.bcrypt().cost(), input, randomBytes(BcryptHash.SALT_LENGTH), pepperId);
        case SCRYPT -> ScryptHash.create(settings, input, salt(), pepperId);
        case PBKDF2_SHA256 ->
            Pbkdf2Hash.create(
                Prf.HMAC_SHA256, settings.pbkdf2().sha256Iterations(), input, salt(), pepperId);
        case PBKDF2_SHA512 ->
            Pbkdf2Hash.create(
                Prf.HMAC_SHA512, settings.pbkdf2().sha512Iterations(), input, salt(), pepperId);
      };
    } finally {
      Passwords.wipe(utf8);
      Passwords.wipe(input);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException if the hash carries a pepper marker and no pepper, or another
   *     pepper, is configured: it can then never verify, which is a configuration error
   */
  @Override
  public boolean verify(CharSequence password, String encodedHash) {
    Objects.requireNonNull(password, "password");
    StoredHash stored = HashParser.parse(encodedHash);
    byte[] utf8 = Passwords.utf8ForVerification(password);
    byte[] input = utf8;
    try {
      input = passwordInput(stored, utf8);
      return stored.matches(input);
    } finally {
      Passwords.wipe(utf8);
      Passwords.wipe(input);
    }
  }

  @Override
  public boolean needsRehash(String encodedHash) {
    StoredHash stored = HashParser.parse(encodedHash);
    return !Objects.equals(stored.pepperId(), pepperId) || stored.needsRehash(settings);
  }

  @Override
  public boolean supports(String encodedHash) {
    try {
      HashParser.parse(encodedHash);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The settings, without the pepper. */
  @Override
  public String toString() {
    return "BouncyCastlePasswordHasher[" + settings + "]";
  }

  private byte[] passwordInput(StoredHash stored, byte[] utf8) {
    String storedPepperId = stored.pepperId();
    if (storedPepperId == null) {
      return utf8;
    }
    if (pepper == null) {
      throw new IllegalStateException(
          "The password hash was made with a pepper (id "
              + storedPepperId
              + ") but no pepper is configured; configure the pepper it was made"
              + " with");
    }
    if (!storedPepperId.equals(pepperId)) {
      throw new IllegalStateException(
          "The password hash was made with another pepper (id "
              + storedPepperId
              + ") than the configured one (id "
              + pepperId
              + "); configure the"
              + " pepper it was made with");
    }
    return Passwords.pepper(pepper, utf8);
  }

  private byte[] salt() {
    return randomBytes(settings.saltLength());
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
