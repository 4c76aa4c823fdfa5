package dev.portcullis.auth.core.hash.internal;

/**
 * Upper bounds on the costs this module computes, shared by the parameter records of {@code
 * HashingSettings} and by the parsers of stored hashes. A stored hash is untrusted input: without
 * these bounds one tampered row (argon2 {@code m} of 4 GiB, PBKDF2 {@code i} of 2^31, bcrypt cost
 * 31) would make every login of that user a denial of service. Each bound sits far above current
 * recommendations.
 */
public final class CostLimits {
  /** Argon2 memory, KiB (1 GiB). */
  public static final int ARGON2_MAX_MEMORY_KIB = 1 << 20;

  /** Argon2 passes. */
  public static final int ARGON2_MAX_ITERATIONS = 64;

  /** Argon2 lanes. */
  public static final int ARGON2_MAX_PARALLELISM = 64;

  /** Argon2 memory times passes, KiB (4 GiB of memory traffic). */
  public static final long ARGON2_MAX_WORK_KIB = 1L << 22;

  /** bcrypt's smallest cost; the algorithm defines it. */
  public static final int BCRYPT_MIN_COST = 4;

  /** bcrypt cost: 2^18 rounds, tens of seconds on a JVM. */
  public static final int BCRYPT_MAX_COST = 18;

  /** scrypt N (2^20). */
  public static final int SCRYPT_MAX_N = 1 << 20;

  /** scrypt r. */
  public static final int SCRYPT_MAX_R = 32;

  /** scrypt p. */
  public static final int SCRYPT_MAX_P = 16;

  /** scrypt memory, 128 * N * r bytes (1 GiB). */
  public static final long SCRYPT_MAX_MEMORY_BYTES = 1L << 30;

  /** scrypt memory traffic, 128 * N * r * p bytes (4 GiB). */
  public static final long SCRYPT_MAX_WORK_BYTES = 1L << 32;

  /** PBKDF2 iterations times output blocks. */
  public static final long PBKDF2_MAX_WORK = 10_000_000L;

  /** Shortest stored hash output accepted: shorter tags would let a random guess pass too often. */
  public static final int MIN_OUTPUT_BYTES = 16;

  /** Longest stored hash output accepted. */
  public static final int MAX_OUTPUT_BYTES = 128;

  /** Longest stored salt accepted. */
  public static final int MAX_SALT_BYTES = 1024;

  private CostLimits() {}
}
