package dev.portcullis.auth.core.account.imports;

/**
 * The file cannot be read on from {@link #row()}: a bad header, broken quoting, invalid JSON. The
 * import stops there; rows before it stay imported (each row is its own transaction). The message
 * names the row and the defect, never a field's value.
 */
public final class MalformedImportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long row;
  private final String defect;

  /**
   * @param row the row (see {@link UserSource#next()}) where reading failed
   * @param defect what is wrong, without quoting the file
   */
  public MalformedImportException(long row, String defect) {
    super("Malformed import file at row " + row + ": " + defect);
    this.row = row;
    this.defect = defect;
  }

  /** The row where reading failed. */
  public long row() {
    return row;
  }

  /** What is wrong. */
  public String defect() {
    return defect;
  }
}
