package dev.portcullis.auth.core.hash;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What new password hashes are made with, and the costs of every algorithm. A hasher from {@link
 * PasswordHashers} verifies hashes of all algorithms and asks for a rehash of any hash whose
 * algorithm differs from {@link #algorithm()} or whose costs are below these.
 *
 * <p>The defaults ({@link #defaults()}) are the OWASP Password Storage Cheat Sheet figures:
 * argon2id with 19456 KiB, 2 passes and 1 lane; bcrypt cost 12; scrypt N=2^17, r=8, p=1; PBKDF2
 * 600000 iterations with HMAC-SHA-256 and 210000 with HMAC-SHA-512; 16-byte salts.
 *
 * <p>Each parameter record checks its own limits (the values its algorithm accepts, under this
 * module's safety caps, so every hash written can also be read back); this record checks the rest.
 * None refuses weak but valid costs: that is the job of the environment-aware settings validation.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the pepper ({@link Pepper} is
 * redacted).
 *
 * @param algorithm the algorithm new hashes are made with
 * @param argon2 argon2id costs
 * @param bcrypt bcrypt cost
 * @param scrypt scrypt costs
 * @param pbkdf2 PBKDF2 iteration counts
 * @param saltLength bytes of random salt in new argon2, scrypt and PBKDF2 hashes, 16 to 64 (bcrypt
 *     salts are always 16 bytes); stored hashes with shorter salts ask for a rehash
 * @param pepper a secret kept outside the database, or empty for none; see {@link PasswordHashers}
 *     for how it is applied and marked
 */
public record HashingSettings(
    HashAlgorithm algorithm,
    Argon2Params argon2,
    BcryptParams bcrypt,
    ScryptParams scrypt,
    Pbkdf2Params pbkdf2,
    int saltLength,
    Optional<Pepper> pepper) {

  /** 16 bytes (128 bits) of salt. */
  public static final int DEFAULT_SALT_LENGTH = 16;

  private static final HashingSettings DEFAULTS =
      new HashingSettings(
          HashAlgorithm.ARGON2ID,
          Argon2Params.defaults(),
          BcryptParams.defaults(),
          ScryptParams.defaults(),
          Pbkdf2Params.defaults(),
          DEFAULT_SALT_LENGTH,
          Optional.empty());

  /**
   * Checks the algorithm and the salt length.
   *
   * @throws IllegalArgumentException listing every problem, with the accepted values
   * @throws NullPointerException if a parameter record or the pepper optional is null
   */
  public HashingSettings {
    Objects.requireNonNull(argon2, "argon2");
    Objects.requireNonNull(bcrypt, "bcrypt");
    Objects.requireNonNull(scrypt, "scrypt");
    Objects.requireNonNull(pbkdf2, "pbkdf2");
    Objects.requireNonNull(pepper, "pepper");
    List<String> problems = new ArrayList<>();
    if (algorithm == null) {
      problems.add(
          "algorithm is missing; use one of argon2id, bcrypt, scrypt, pbkdf2-sha256,"
              + " pbkdf2-sha512");
    }
    Limits.range(problems, "salt length (bytes)", saltLength, 16, 64, DEFAULT_SALT_LENGTH);
    Limits.refuse("password hashing settings", problems);
  }

  /** The OWASP defaults with argon2id, and no pepper. */
  public static HashingSettings defaults() {
    return DEFAULTS;
  }

  /** Whether a pepper is set. */
  public boolean hasPepper() {
    return pepper.isPresent();
  }

  /**
   * Memory one new hash (or a verification at these costs) takes: {@code m} KiB for argon2id,
   * {@code 128 x N x r} bytes for scrypt, 0 for bcrypt and PBKDF2, whose few KiB do not matter.
   * {@link HashingLimits} bounds concurrent hashing by it.
   */
  public long bytesPerHash() {
    return switch (algorithm) {
      case ARGON2ID -> argon2.bytesPerHash();
      case SCRYPT -> scrypt.bytesPerHash();
      case BCRYPT, PBKDF2_SHA256, PBKDF2_SHA512 -> 0L;
    };
  }

  /**
   * The most UTF-8 bytes of password a new hash can take, if the algorithm has a limit: 72 for
   * bcrypt without a pepper (a peppered bcrypt hash takes the 32-byte HMAC, so any password). The
   * password policy refuses longer passwords at registration, change and reset ({@code
   * too_long_for_hasher}), because {@code hash()} refuses them.
   */
  public OptionalInt maxPasswordBytes() {
    return algorithm == HashAlgorithm.BCRYPT && pepper.isEmpty()
        ? OptionalInt.of(BcryptParams.MAX_PASSWORD_BYTES)
        : OptionalInt.empty();
  }

  /** These settings with another algorithm for new hashes. */
  public HashingSettings withAlgorithm(HashAlgorithm newAlgorithm) {
    return new HashingSettings(newAlgorithm, argon2, bcrypt, scrypt, pbkdf2, saltLength, pepper);
  }

  /** These settings with other argon2 costs (see {@link Argon2Params} for the limits). */
  public HashingSettings withArgon2(int memoryKib, int iterations, int parallelism) {
    return new HashingSettings(
        algorithm,
        new Argon2Params(memoryKib, iterations, parallelism),
        bcrypt,
        scrypt,
        pbkdf2,
        saltLength,
        pepper);
  }

  /** These settings with another salt length for new hashes. */
  public HashingSettings withSaltLength(int bytes) {
    return new HashingSettings(algorithm, argon2, bcrypt, scrypt, pbkdf2, bytes, pepper);
  }

  /** These settings with a pepper. */
  public HashingSettings withPepper(Pepper newPepper) {
    return new HashingSettings(
        algorithm, argon2, bcrypt, scrypt, pbkdf2, saltLength, Optional.of(newPepper));
  }
}
