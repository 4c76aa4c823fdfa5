package dev.portcullis.auth.core.account.imports;

/**
 * Follows an import as it goes (progress output, a per-row report). Called on the importer's
 * thread, after each row is finished; must not throw.
 */
public interface ImportListener {

  /** After each row, with the totals so far. */
  default void rowDone(ImportCounts counts) {}

  /** When a row is refused, before {@link #rowDone}. */
  default void refused(Refusal refusal) {}

  /** A listener that does nothing. */
  static ImportListener none() {
    return new ImportListener() {};
  }
}
