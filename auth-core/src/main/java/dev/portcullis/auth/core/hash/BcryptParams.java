package dev.portcullis.auth.core.hash;

import dev.portcullis.auth.core.hash.internal.CostLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of new bcrypt hashes. The constructor refuses costs bcrypt does not accept and costs
 * above this module's safety cap; it does not refuse weak but valid costs.
 *
 * @param cost log2 rounds, 4 to 18
 */
public record BcryptParams(int cost) {
  /** bcrypt reads at most 72 bytes of password. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private static final int DEFAULT_COST = 12;
  private static final BcryptParams DEFAULTS = new BcryptParams(DEFAULT_COST);

  /**
   * Checks the cost.
   *
   * @throws IllegalArgumentException if the cost is out of range, with the accepted range
   */
  public BcryptParams {
    List<String> problems = new ArrayList<>();
    Limits.range(
        problems,
        "bcrypt cost",
        cost,
        CostLimits.BCRYPT_MIN_COST,
        CostLimits.BCRYPT_MAX_COST,
        DEFAULT_COST);
    Limits.refuse("bcrypt parameters", problems);
  }

  /** Cost 12 (OWASP asks for at least 10). */
  public static BcryptParams defaults() {
    return DEFAULTS;
  }
}
