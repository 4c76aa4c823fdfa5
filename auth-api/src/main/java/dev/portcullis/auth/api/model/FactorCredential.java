package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's second-factor credential as a store keeps it. {@link #toString()} never prints the
 * secret.
 *
 * @param id the credential's id
 * @param userId the owner
 * @param type the factor type, for example {@code totp}; a user has at most one credential per type
 * @param secret the factor's secret as the factor stores it (a TOTP seed encrypted at rest): opaque
 *     to stores
 * @param createdAt when enrolment started
 * @param activatedAt when a first response confirmed it, or null while it is pending
 * @param lastUsedStep the last accepted time step (TOTP), or -1 when none was accepted yet
 */
public record FactorCredential(
    String id,
    String userId,
    String type,
    String secret,
    Instant createdAt,
    Instant activatedAt,
    long lastUsedStep) {

  public FactorCredential {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(createdAt, "createdAt");
    if (lastUsedStep < -1) {
      throw new IllegalArgumentException("lastUsedStep must be -1 or more");
    }
  }

  /** A new credential, pending until confirmed. */
  public static FactorCredential pending(
      String id, String userId, String type, String secret, Instant now) {
    return new FactorCredential(id, userId, type, secret, now, null, -1);
  }

  /** Whether a first response confirmed it, so that it guards logins. */
  public boolean active() {
    return activatedAt != null;
  }

  @Override
  public String toString() {
    return "FactorCredential[id="
        + id
        + ", userId="
        + userId
        + ", type="
        + type
        + ", secret=<redacted>, createdAt="
        + createdAt
        + ", activatedAt="
        + activatedAt
        + ", lastUsedStep="
        + lastUsedStep
        + "]";
  }
}
