package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.core.hash.internal.CostLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The costs of new scrypt hashes. The constructor refuses values scrypt does not accept or that
 * exceed this module's safety caps; it does not refuse weak but valid costs.
 *
 * @param n CPU/memory cost {@code N}, a power of two from 2 to 2^20
 * @param r block size {@code r}, 1 to 32; 128 x N x r at most 1 GiB
 * @param p parallelism {@code p}, 1 to 16; 128 x N x r x p at most 4 GiB
 */
public record ScryptParams(int n, int r, int p) {
  private static final int DEFAULT_N = 1 << 17;
  private static final int DEFAULT_R = 8;
  private static final int DEFAULT_P = 1;
  private static final ScryptParams OWASP = new ScryptParams(DEFAULT_N, DEFAULT_R, DEFAULT_P);

  /**
   * Checks every value.
   *
   * @throws IllegalArgumentException listing every value out of range, with the accepted range
   */
  public ScryptParams {
    List<String> problems = new ArrayList<>();
    if (n < 2 || n > CostLimits.SCRYPT_MAX_N || Integer.bitCount(n) != 1) {
      problems.add(
          "scrypt N must be a power of two from 2 to "
              + CostLimits.SCRYPT_MAX_N
              + ", was "
              + n
              + " (default "
              + DEFAULT_N
              + ")");
    }
    Limits.range(problems, "scrypt r", r, 1, CostLimits.SCRYPT_MAX_R, DEFAULT_R);
    Limits.range(problems, "scrypt p", p, 1, CostLimits.SCRYPT_MAX_P, DEFAULT_P);
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
    Limits.refuse("scrypt parameters", problems);
  }

  /** The OWASP Password Storage Cheat Sheet figures: N=2^17, r=8, p=1. */
  public static ScryptParams defaults() {
    return OWASP;
  }

  /** Memory one hash takes, {@code 128 x N x r} bytes. */
  public long bytesPerHash() {
    return 128L * n * r;
  }
}
