package dev.portcullis.auth.api.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One stored line of the audit trail: an auth event flattened for storage.
 *
 * @param type the event type, for example {@code login_failed}
 * @param at when it happened
 * @param userId the user concerned, or null (unknown identifier)
 * @param identifier the identifier concerned, or null
 * @param clientAddress the client's address, or null
 * @param detail a short non-secret detail, for example a failure reason, or null
 */
public record AuditRecord(
    String type,
    Instant at,
    String userId,
    String identifier,
    String clientAddress,
    String detail) {

  public AuditRecord {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(at, "at");
  }
}
