package dev.portcullis.auth.core.account.imports;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of an import. Never holds a password or a hash.
 *
 * @param dryRun whether nothing was written
 * @param counts the totals
 * @param refusals the first {@link UserImporter#MAX_REPORTED_REFUSALS} refusals, in file order (a
 *     listener sees all of them)
 * @param failure why the import stopped before the end of the file, if it did; the rows before it
 *     are imported and counted
 */
public record ImportReport(
    boolean dryRun, ImportCounts counts, List<Refusal> refusals, Optional<Failure> failure) {

  public ImportReport {
    Objects.requireNonNull(counts, "counts");
    refusals = List.copyOf(refusals);
    Objects.requireNonNull(failure, "failure");
  }

  /** Whether the whole file was read. */
  public boolean complete() {
    return failure.isEmpty();
  }

  /**
   * Why an import stopped.
   *
   * @param row the row it stopped at
   * @param code {@code malformed_file}, or the error code of the store ({@code
   *     service_unavailable})
   * @param message what is wrong and what to do, without secrets
   */
  public record Failure(long row, String code, String message) {}
}
