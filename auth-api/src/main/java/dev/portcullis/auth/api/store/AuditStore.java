package dev.portcullis.auth.api.store;

import dev.portcullis.auth.api.model.AuditRecord;
import java.time.Instant;
import java.util.List;

/** The audit trail of authentication events. See the package rules. */
public interface AuditStore {

  /** Appends one record. */
  void append(AuditRecord record);

  /**
   * Appends {@code records} in their order: all of them, or (when it throws) possibly none. The
   * default calls {@link #append} for each; a database adapter writes them as one batch in one
   * transaction.
   */
  default void appendAll(List<AuditRecord> records) {
    for (AuditRecord record : records) {
      append(record);
    }
  }

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
