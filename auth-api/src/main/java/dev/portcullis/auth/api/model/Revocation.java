package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a token counts as revoked.
 *
 * @param scope what was revoked
 * @param at when
 */
public record Revocation(Scope scope, Instant at) {

  /** What a revocation covered. */
  public enum Scope {
    /** The token itself (logout). */
    TOKEN,
    /** Its session (logout, session ended, refresh-token reuse). */
    SESSION,
    /** Every token of its user issued before an instant (log out everywhere, password change). */
    USER
  }

  public Revocation {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(at, "at");
  }
}
