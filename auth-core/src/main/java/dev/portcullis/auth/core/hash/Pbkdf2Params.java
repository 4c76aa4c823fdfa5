package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.core.hash.internal.CostLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The iteration counts of new PBKDF2 hashes, one per HMAC. The constructor refuses counts outside
 * this module's range; it does not refuse weak but valid counts.
 *
 * @param sha256Iterations PBKDF2-HMAC-SHA-256 iterations, 1 to 10000000
 * @param sha512Iterations PBKDF2-HMAC-SHA-512 iterations, 1 to 10000000
 */
public record Pbkdf2Params(int sha256Iterations, int sha512Iterations) {
  private static final int DEFAULT_SHA256 = 600_000;
  private static final int DEFAULT_SHA512 = 210_000;
  private static final Pbkdf2Params OWASP = new Pbkdf2Params(DEFAULT_SHA256, DEFAULT_SHA512);

  /**
   * Checks both counts.
   *
   * @throws IllegalArgumentException listing every count out of range, with the accepted range
   */
  public Pbkdf2Params {
    List<String> problems = new ArrayList<>();
    Limits.range(
        problems,
        "pbkdf2-sha256 iterations",
        sha256Iterations,
        1,
        CostLimits.PBKDF2_MAX_WORK,
        DEFAULT_SHA256);
    Limits.range(
        problems,
        "pbkdf2-sha512 iterations",
        sha512Iterations,
        1,
        CostLimits.PBKDF2_MAX_WORK,
        DEFAULT_SHA512);
    Limits.refuse("PBKDF2 parameters", problems);
  }

  /** The OWASP Password Storage Cheat Sheet figures: 600000 (SHA-256) and 210000 (SHA-512). */
  public static Pbkdf2Params defaults() {
    return OWASP;
  }
}
