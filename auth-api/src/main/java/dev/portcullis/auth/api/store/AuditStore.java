package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.AuditRecord;
import java.time.Instant;
import java.util.List;

/** The audit trail of authentication events. See the package rules. */
public interface AuditStore {

  /** Appends one record. */
  void append(AuditRecord record);

  /**
   * The newest records of a user, newest first.
   *
   * @param limit 1 to 1000
   */
  List<AuditRecord> findByUser(String userId, int limit);

  /**
   * The newest records of every user, newest first.
   *
   * @param limit 1 to 1000
   */
  List<AuditRecord> recent(int limit);

  /**
   * Deletes records older than {@code cutoff}.
   *
   * @return how many were deleted
   */
  int purge(Instant cutoff);
}
