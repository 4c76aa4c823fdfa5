package dev.portcullis.auth.jwt.internal;

import dev.portcullis.auth.api.error.TokenFailure;
import dev.portcullis.auth.jwt.TokenReport.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The failures an examination finds. A verifier stops at the first ({@link #firstOnly()}); the
 * inspector collects all ({@link #all()}), so both run the same checks in the same order and can
 * never disagree. Not thread-safe: one per examination.
 */
public final class Findings {

  private final boolean collectAll;
  private final List<Finding> list = new ArrayList<>();

  private Findings(boolean collectAll) {
    this.collectAll = collectAll;
  }

  /** Stops at the first failure. */
  public static Findings firstOnly() {
    return new Findings(false);
  }

  /** Collects every failure. */
  public static Findings all() {
    return new Findings(true);
  }

  /**
   * Records a failure.
   *
   * @return whether the examination goes on
   */
  public boolean fail(TokenFailure failure, String detail) {
    list.add(new Finding(failure, detail));
    return collectAll;
  }

  /** Whether nothing failed. */
  public boolean none() {
    return list.isEmpty();
  }

  /** Whether the examination goes on after failures. */
  public boolean collectsAll() {
    return collectAll;
  }

  /** The failures, in order. */
  public List<Finding> list() {
    return List.copyOf(list);
  }

  /** The first failure; call only when there is one. */
  public Finding first() {
    return list.get(0);
  }
}
