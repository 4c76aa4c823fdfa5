package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.core.hash.internal.CostLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The costs of new argon2id hashes. The constructor refuses values argon2 does not accept or that
 * exceed this module's safety caps (the caps stored hashes are held to, so every hash written can
 * be read back); it does not refuse weak but valid costs, which is the settings validation's job.
 *
 * @param memoryKib memory {@code m} in KiB, from 8 x parallelism to 1048576
 * @param iterations passes {@code t}, 1 to 64; memory x passes at most 4194304 KiB
 * @param parallelism lanes {@code p}, 1 to 64
 */
public record Argon2Params(int memoryKib, int iterations, int parallelism) {
  private static final int DEFAULT_MEMORY_KIB = 19456;
  private static final int DEFAULT_ITERATIONS = 2;
  private static final int DEFAULT_PARALLELISM = 1;
  private static final Argon2Params OWASP =
      new Argon2Params(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);

  /**
   * Checks every value.
   *
   * @throws IllegalArgumentException listing every value out of range, with the accepted range
   */
  public Argon2Params {
    List<String> problems = new ArrayList<>();
    Limits.range(
        problems,
        "argon2 iterations",
        iterations,
        1,
        CostLimits.ARGON2_MAX_ITERATIONS,
        DEFAULT_ITERATIONS);
    Limits.range(
        problems,
        "argon2 parallelism",
        parallelism,
        1,
        CostLimits.ARGON2_MAX_PARALLELISM,
        DEFAULT_PARALLELISM);
    int minimumMemory = 8 * Math.max(1, Math.min(parallelism, CostLimits.ARGON2_MAX_PARALLELISM));
    Limits.range(
        problems,
        "argon2 memoryKib (at least 8 x parallelism)",
        memoryKib,
        minimumMemory,
        CostLimits.ARGON2_MAX_MEMORY_KIB,
        DEFAULT_MEMORY_KIB);
    if (iterations > 0
        && memoryKib > 0
        && (long) memoryKib * iterations > CostLimits.ARGON2_MAX_WORK_KIB) {
      problems.add(
          "argon2 memoryKib x iterations must be at most "
              + CostLimits.ARGON2_MAX_WORK_KIB
              + ", was "
              + (long) memoryKib * iterations);
    }
    Limits.refuse("argon2 parameters", problems);
  }

  /** The OWASP Password Storage Cheat Sheet figures: m=19456 KiB (19 MiB), t=2, p=1. */
  public static Argon2Params defaults() {
    return OWASP;
  }

  /** Memory one hash takes, bytes. */
  public long bytesPerHash() {
    return memoryKib * 1024L;
  }
}
