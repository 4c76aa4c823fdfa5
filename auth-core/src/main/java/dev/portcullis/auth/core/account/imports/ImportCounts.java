package dev.portcullis.auth.core.account.imports;

/**
 * Running totals of an import.
 *
 * @param rows entries read
 * @param created accounts created (in a dry run: that would be created)
 * @param skipped entries whose identifier already has an account
 * @param refused entries refused, each with a {@link Refusal}
 */
public record ImportCounts(long rows, long created, long skipped, long refused) {
  /** No rows yet. */
  public static final ImportCounts NONE = new ImportCounts(0, 0, 0, 0);

  ImportCounts plusCreated() {
    return new ImportCounts(rows + 1, created + 1, skipped, refused);
  }

  ImportCounts plusSkipped() {
    return new ImportCounts(rows + 1, created, skipped + 1, refused);
  }

  ImportCounts plusRefused() {
    return new ImportCounts(rows + 1, created, skipped, refused + 1);
  }
}
