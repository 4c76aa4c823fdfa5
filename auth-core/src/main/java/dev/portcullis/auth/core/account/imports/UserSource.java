package dev.portcullis.auth.core.account.imports;

import java.util.Optional;

/**
 * Users read from a file one at a time, so a file of any size needs the memory of one row. Not
 * thread-safe; the importer calls it from one thread.
 */
public interface UserSource extends AutoCloseable {

  /**
   * The next entry, or empty at the end. Rows are numbered in the file's own terms: the spreadsheet
   * row for CSV (the header is row 1), the line for NDJSON, the 1-based position in the user array
   * for JSON.
   *
   * @throws MalformedImportException if the file cannot be read on
   */
  Optional<ImportRow> next();

  /** Closes the underlying stream. */
  @Override
  void close();
}
