package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.core.hash.internal.CostLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
 * <p>The constructor only checks that each value is one its algorithm accepts and that it stays
 * under this module's safety caps (the same caps that stored hashes are held to, so every hash this
 * module writes can also be read back). It does not refuse weak but valid costs: that is the job of
 * the environment-aware settings validation.
 *
 * <p>Immutable and thread-safe. The pepper is copied in and out, and {@link #toString()} never
 * shows it.
 *
 * @param algorithm the algorithm new hashes are made with
 * @param argon2MemoryKib argon2 memory {@code m} in KiB, from 8 x parallelism to 1048576
 * @param argon2Iterations argon2 passes {@code t}, 1 to 64; memory x passes at most 4194304 KiB
 * @param argon2Parallelism argon2 lanes {@code p}, 1 to 64
 * @param bcryptCost bcrypt log2 rounds, 4 to 18
 * @param scryptN scrypt CPU/memory cost {@code N}, a power of two from 2 to 2^20
 * @param scryptR scrypt block size {@code r}, 1 to 32; 128 x N x r at most 1 GiB
 * @param scryptP scrypt parallelism {@code p}, 1 to 16; 128 x N x r x p at most 4 GiB
 * @param pbkdf2Sha256Iterations PBKDF2-HMAC-SHA-256 iterations, 1 to 10000000
 * @param pbkdf2Sha512Iterations PBKDF2-HMAC-SHA-512 iterations, 1 to 10000000
 * @param saltLength bytes of random salt in new argon2, scrypt and PBKDF2 hashes, 16 to 64 (bcrypt
 *     salts are always 16 bytes); stored hashes with shorter salts ask for a rehash
 * @param pepper a secret kept outside the database, at least 16 bytes, or {@code null} for none;
 *     see {@link PasswordHashers} for how it is applied and marked
 */
public record HashingSettings(
    HashAlgorithm algorithm,
    int argon2MemoryKib,
    int argon2Iterations,
    int argon2Parallelism,
    int bcryptCost,
    int scryptN,
    int scryptR,
    int scryptP,
    int pbkdf2Sha256Iterations,
    int pbkdf2Sha512Iterations,
    int saltLength,
    byte[] pepper) {

  /** OWASP: argon2id m=19456 KiB (19 MiB). */
  public static final int DEFAULT_ARGON2_MEMORY_KIB = 19456;

  /** OWASP: argon2id t=2. */
  public static final int DEFAULT_ARGON2_ITERATIONS = 2;

  /** OWASP: argon2id p=1. */
  public static final int DEFAULT_ARGON2_PARALLELISM = 1;

  /** bcrypt cost 12 (OWASP asks for at least 10). */
  public static final int DEFAULT_BCRYPT_COST = 12;

  /** OWASP: scrypt N=2^17. */
  public static final int DEFAULT_SCRYPT_N = 1 << 17;

  /** OWASP: scrypt r=8. */
  public static final int DEFAULT_SCRYPT_R = 8;

  /** OWASP: scrypt p=1. */
  public static final int DEFAULT_SCRYPT_P = 1;

  /** OWASP: PBKDF2-HMAC-SHA-256, 600000 iterations. */
  public static final int DEFAULT_PBKDF2_SHA256_ITERATIONS = 600_000;

  /** OWASP: PBKDF2-HMAC-SHA-512, 210000 iterations. */
  public static final int DEFAULT_PBKDF2_SHA512_ITERATIONS = 210_000;

  /** 16 bytes (128 bits) of salt. */
  public static final int DEFAULT_SALT_LENGTH = 16;

  /** bcrypt reads at most 72 bytes of password. */
  public static final int BCRYPT_MAX_PASSWORD_BYTES = 72;

  /** Shortest accepted pepper, bytes. */
  public static final int MIN_PEPPER_LENGTH = 16;

  /**
   * Checks every value and copies the pepper.
   *
   * @throws IllegalArgumentException listing every value out of range, with the accepted range
   */
  public HashingSettings {
    List<String> problems = new ArrayList<>();
    if (algorithm == null) {
      problems.add(
          "algorithm is missing; use one of argon2id, bcrypt, scrypt, pbkdf2-sha256,"
              + " pbkdf2-sha512");
    }
    checkArgon2(problems, argon2MemoryKib, argon2Iterations, argon2Parallelism);
    range(
        problems,
        "bcrypt cost",
        bcryptCost,
        CostLimits.BCRYPT_MIN_COST,
        CostLimits.BCRYPT_MAX_COST,
        DEFAULT_BCRYPT_COST);
    checkScrypt(problems, scryptN, scryptR, scryptP);
    range(
        problems,
        "pbkdf2-sha256 iterations",
        pbkdf2Sha256Iterations,
        1,
        CostLimits.PBKDF2_MAX_WORK,
        DEFAULT_PBKDF2_SHA256_ITERATIONS);
    range(
        problems,
        "pbkdf2-sha512 iterations",
        pbkdf2Sha512Iterations,
        1,
        CostLimits.PBKDF2_MAX_WORK,
        DEFAULT_PBKDF2_SHA512_ITERATIONS);
    range(problems, "salt length (bytes)", saltLength, 16, 64, DEFAULT_SALT_LENGTH);
    if (pepper != null && pepper.length < MIN_PEPPER_LENGTH) {
      problems.add(
          "pepper must be at least "
              + MIN_PEPPER_LENGTH
              + " bytes, was "
              + pepper.length
              + " bytes; generate one with: openssl rand -base64 32");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid password hashing settings: " + String.join("; ", problems));
    }
    pepper = pepper == null ? null : pepper.clone();
  }

  /** The OWASP defaults with argon2id, and no pepper. */
  public static HashingSettings defaults() {
    return new HashingSettings(
        HashAlgorithm.ARGON2ID,
        DEFAULT_ARGON2_MEMORY_KIB,
        DEFAULT_ARGON2_ITERATIONS,
        DEFAULT_ARGON2_PARALLELISM,
        DEFAULT_BCRYPT_COST,
        DEFAULT_SCRYPT_N,
        DEFAULT_SCRYPT_R,
        DEFAULT_SCRYPT_P,
        DEFAULT_PBKDF2_SHA256_ITERATIONS,
        DEFAULT_PBKDF2_SHA512_ITERATIONS,
        DEFAULT_SALT_LENGTH,
        null);
  }

  /** A copy of the pepper, or {@code null} when there is none. */
  @Override
  public byte[] pepper() {
    return pepper == null ? null : pepper.clone();
  }

  /** Whether a pepper is set. */
  public boolean hasPepper() {
    return pepper != null;
  }

  /**
   * Memory one new hash (or a verification at these costs) takes: {@code m} KiB for argon2id,
   * {@code 128 x N x r} bytes for scrypt, 0 for bcrypt and PBKDF2, whose few KiB do not matter.
   * {@link HashingLimits} bounds concurrent hashing by it.
   */
  public long bytesPerHash() {
    return switch (algorithm) {
      case ARGON2ID -> argon2MemoryKib * 1024L;
      case SCRYPT -> 128L * scryptN * scryptR;
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
    return algorithm == HashAlgorithm.BCRYPT && pepper == null
        ? OptionalInt.of(BCRYPT_MAX_PASSWORD_BYTES)
        : OptionalInt.empty();
  }

  /** These settings with another algorithm for new hashes. */
  public HashingSettings withAlgorithm(HashAlgorithm newAlgorithm) {
    return new HashingSettings(
        newAlgorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        bcryptCost,
        scryptN,
        scryptR,
        scryptP,
        pbkdf2Sha256Iterations,
        pbkdf2Sha512Iterations,
        saltLength,
        pepper);
  }

  /** These settings with other argon2 costs. */
  public HashingSettings withArgon2(int memoryKib, int iterations, int parallelism) {
    return new HashingSettings(
        algorithm,
        memoryKib,
        iterations,
        parallelism,
        bcryptCost,
        scryptN,
        scryptR,
        scryptP,
        pbkdf2Sha256Iterations,
        pbkdf2Sha512Iterations,
        saltLength,
        pepper);
  }

  /** These settings with another bcrypt cost. */
  public HashingSettings withBcryptCost(int cost) {
    return new HashingSettings(
        algorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        cost,
        scryptN,
        scryptR,
        scryptP,
        pbkdf2Sha256Iterations,
        pbkdf2Sha512Iterations,
        saltLength,
        pepper);
  }

  /** These settings with other scrypt costs. */
  public HashingSettings withScrypt(int n, int r, int p) {
    return new HashingSettings(
        algorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        bcryptCost,
        n,
        r,
        p,
        pbkdf2Sha256Iterations,
        pbkdf2Sha512Iterations,
        saltLength,
        pepper);
  }

  /** These settings with another PBKDF2-HMAC-SHA-256 iteration count. */
  public HashingSettings withPbkdf2Sha256Iterations(int iterations) {
    return new HashingSettings(
        algorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        bcryptCost,
        scryptN,
        scryptR,
        scryptP,
        iterations,
        pbkdf2Sha512Iterations,
        saltLength,
        pepper);
  }

  /** These settings with another PBKDF2-HMAC-SHA-512 iteration count. */
  public HashingSettings withPbkdf2Sha512Iterations(int iterations) {
    return new HashingSettings(
        algorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        bcryptCost,
        scryptN,
        scryptR,
        scryptP,
        pbkdf2Sha256Iterations,
        iterations,
        saltLength,
        pepper);
  }

  /** These settings with another salt length for new hashes. */
  public HashingSettings withSaltLength(int bytes) {
    return new HashingSettings(
        algorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        bcryptCost,
        scryptN,
        scryptR,
        scryptP,
        pbkdf2Sha256Iterations,
        pbkdf2Sha512Iterations,
        bytes,
        pepper);
  }

  /** These settings with another pepper, or none when {@code newPepper} is {@code null}. */
  public HashingSettings withPepper(byte[] newPepper) {
    return new HashingSettings(
        algorithm,
        argon2MemoryKib,
        argon2Iterations,
        argon2Parallelism,
        bcryptCost,
        scryptN,
        scryptR,
        scryptP,
        pbkdf2Sha256Iterations,
        pbkdf2Sha512Iterations,
        saltLength,
        newPepper);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HashingSettings that
        && algorithm == that.algorithm
        && argon2MemoryKib == that.argon2MemoryKib
        && argon2Iterations == that.argon2Iterations
        && argon2Parallelism == that.argon2Parallelism
        && bcryptCost == that.bcryptCost
        && scryptN == that.scryptN
        && scryptR == that.scryptR
        && scryptP == that.scryptP
        && pbkdf2Sha256Iterations == that.pbkdf2Sha256Iterations
        && pbkdf2Sha512Iterations == that.pbkdf2Sha512Iterations
        && saltLength == that.saltLength
        && Arrays.equals(pepper, that.pepper);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
                algorithm,
                argon2MemoryKib,
                argon2Iterations,
                argon2Parallelism,
                bcryptCost,
                scryptN,
                scryptR,
                scryptP,
                pbkdf2Sha256Iterations,
                pbkdf2Sha512Iterations,
                saltLength)
            * 31
        + Arrays.hashCode(pepper);
  }

  /** Every value except the pepper, of which it only says whether one is set. */
  @Override
  public String toString() {
    return "HashingSettings[algorithm="
        + (algorithm == null ? null : algorithm.id())
        + ", argon2MemoryKib="
        + argon2MemoryKib
        + ", argon2Iterations="
        + argon2Iterations
        + ", argon2Parallelism="
        + argon2Parallelism
        + ", bcryptCost="
        + bcryptCost
        + ", scryptN="
        + scryptN
        + ", scryptR="
        + scryptR
        + ", scryptP="
        + scryptP
        + ", pbkdf2Sha256Iterations="
        + pbkdf2Sha256Iterations
        + ", pbkdf2Sha512Iterations="
        + pbkdf2Sha512Iterations
        + ", saltLength="
        + saltLength
        + ", pepper="
        + (pepper == null ? "none" : "set")
        + "]";
  }

  private static void checkArgon2(
      List<String> problems, int memoryKib, int iterations, int parallelism) {
    range(
        problems,
        "argon2 iterations",
        iterations,
        1,
        CostLimits.ARGON2_MAX_ITERATIONS,
        DEFAULT_ARGON2_ITERATIONS);
    range(
        problems,
        "argon2 parallelism",
        parallelism,
        1,
        CostLimits.ARGON2_MAX_PARALLELISM,
        DEFAULT_ARGON2_PARALLELISM);
    int minimumMemory = 8 * Math.max(1, Math.min(parallelism, CostLimits.ARGON2_MAX_PARALLELISM));
    range(
        problems,
        "argon2 memoryKib (at least 8 x parallelism)",
        memoryKib,
        minimumMemory,
        CostLimits.ARGON2_MAX_MEMORY_KIB,
        DEFAULT_ARGON2_MEMORY_KIB);
    if (iterations > 0
        && memoryKib > 0
        && (long) memoryKib * iterations > CostLimits.ARGON2_MAX_WORK_KIB) {
      problems.add(
          "argon2 memoryKib x iterations must be at most "
              + CostLimits.ARGON2_MAX_WORK_KIB
              + ", was "
              + (long) memoryKib * iterations);
    }
  }

  private static void checkScrypt(List<String> problems, int n, int r, int p) {
    if (n < 2 || n > CostLimits.SCRYPT_MAX_N || Integer.bitCount(n) != 1) {
      problems.add(
          "scrypt N must be a power of two from 2 to "
              + CostLimits.SCRYPT_MAX_N
              + ", was "
              + n
              + " (default "
              + DEFAULT_SCRYPT_N
              + ")");
    }
    range(problems, "scrypt r", r, 1, CostLimits.SCRYPT_MAX_R, DEFAULT_SCRYPT_R);
    range(problems, "scrypt p", p, 1, CostLimits.SCRYPT_MAX_P, DEFAULT_SCRYPT_P);
    if (n > 0 && r > 0 && p > 0) {
      long memory = 128L * n * r;
      if (memory > CostLimits.SCRYPT_MAX_MEMORY_BYTES) {
        problems.add(
            "scrypt 128 x N x r must be at most "
                + CostLimits.SCRYPT_MAX_MEMORY_BYTES
                + " bytes, was "
                + memory);
      } else if (memory * p > CostLimits.SCRYPT_MAX_WORK_BYTES) {
        problems.add(
            "scrypt 128 x N x r x p must be at most "
                + CostLimits.SCRYPT_MAX_WORK_BYTES
                + " bytes, was "
                + memory * p);
      }
    }
  }

  private static void range(
      List<String> problems, String name, long value, long min, long max, long recommended) {
    if (value < min || value > max) {
      problems.add(
          name
              + " must be from "
              + min
              + " to "
              + max
              + ", was "
              + value
              + " (default "
              + recommended
              + ")");
    }
  }
}
