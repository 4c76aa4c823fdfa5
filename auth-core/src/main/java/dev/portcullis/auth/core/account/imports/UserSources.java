package dev.portcullis.auth.core.account.imports;

import dev.portcullis.auth.core.account.imports.internal.CsvUserSource;
import java.io.Reader;

/** The {@link UserSource}s that need no library. */
public final class UserSources {
  private UserSources() {}

  /**
   * CSV (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and
   * line breaks; CRLF or LF). The first row is a header naming the columns, in any order and case:
   * {@code email} and {@code password_hash} are required, {@code name}, {@code email_verified} and
   * {@code enabled} ({@code true}/{@code false}, default true) optional, others ignored. A row with
   * another number of fields than the header is refused ({@code malformed_row}); broken quoting, a
   * missing column or a row over 64 KiB stop the import ({@link MalformedImportException}).
   *
   * @param reader read as it goes, closed with the source; buffer it
   */
  public static UserSource csv(Reader reader) {
    return new CsvUserSource(reader);
  }
}
