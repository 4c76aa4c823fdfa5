package dev.portcullis.auth.core.account.imports.internal;

import dev.portcullis.auth.core.account.imports.ImportRow;
import dev.portcullis.auth.core.account.imports.ImportedUser;
import dev.portcullis.auth.core.account.imports.MalformedImportException;
import dev.portcullis.auth.core.account.imports.Refusal;
import dev.portcullis.auth.core.account.imports.RefusalReason;
import dev.portcullis.auth.core.account.imports.UserSource;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** RFC 4180 CSV with a header row; see {@code UserSources.csv}. Reads one record at a time. */
public final class CsvUserSource implements UserSource {
  /** Longest record accepted, in characters: a bound on the memory of one row. */
  static final int MAX_RECORD_CHARS = 64 * 1024;

  private static final int END = -1;

  private final Reader reader;
  private Map<String, Integer> columns;
  private int width;
  private long row;
  private int pushedBack = -2;

  /** A source over {@code reader}. */
  public CsvUserSource(Reader reader) {
    this.reader = reader;
  }

  @Override
  public Optional<ImportRow> next() {
    if (columns == null) {
      readHeader();
    }
    while (true) {
      List<String> fields = record();
      if (fields == null) {
        return Optional.empty();
      }
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue; // A blank line (a trailing newline, most often).
      }
      if (fields.size() != width) {
        return Optional.of(
            new ImportRow.Refused(
                new Refusal(
                    row,
                    null,
                    RefusalReason.MALFORMED_ROW,
                    "it has " + fields.size() + " fields and the header " + width)));
      }
      String email = field(fields, "email");
      Optional<Boolean> verified = flag(fields, "email_verified");
      Optional<Boolean> enabled = flag(fields, "enabled");
      if (verified == null || enabled == null) {
        return Optional.of(
            new ImportRow.Refused(
                new Refusal(
                    row,
                    email,
                    RefusalReason.MALFORMED_ROW,
                    "email_verified and enabled must be true or false")));
      }
      return Optional.of(
          new ImportRow.Candidate(
              new ImportedUser(
                  row,
                  email,
                  field(fields, "name"),
                  field(fields, "password_hash"),
                  verified.orElse(true),
                  enabled.orElse(true))));
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void readHeader() {
    List<String> header = record();
    if (header == null) {
      throw new MalformedImportException(1, "the file is empty; it needs a header row");
    }
    Map<String, Integer> found = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip().toLowerCase(Locale.ROOT);
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1); // A byte-order mark that spreadsheets write.
      }
      if (found.put(name, i) != null && !name.isEmpty()) {
        throw new MalformedImportException(1, "the header names column " + name + " twice");
      }
    }
    for (String required : List.of("email", "password_hash")) {
      if (!found.containsKey(required)) {
        throw new MalformedImportException(
            1,
            "the header has no "
                + required
                + " column; it needs email and password_hash (name, email_verified and enabled"
                + " are optional)");
      }
    }
    columns = found;
    width = header.size();
  }

  private String field(List<String> fields, String column) {
    Integer index = columns.get(column);
    if (index == null) {
      return null;
    }
    String value = fields.get(index);
    return value.isEmpty() ? null : value;
  }

  /** Empty when the column is absent or the field empty; null when it is neither true nor false. */
  private Optional<Boolean> flag(List<String> fields, String column) {
    String value = field(fields, column);
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> Optional.of(true);
      case "false", "0", "no" -> Optional.of(false);
      default -> null;
    };
  }

  /** The next record's fields, or null at the end of the input. */
  private List<String> record() {
    int c = read();
    if (c == END) {
      return null;
    }
    row++;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int length = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (++length > MAX_RECORD_CHARS) {
        throw new MalformedImportException(
            row, "the row is longer than " + MAX_RECORD_CHARS + " characters");
      }
      if (quoted) {
        if (c == END) {
          throw new MalformedImportException(row, "a quoted field is not closed");
        }
        if (c == '"') {
          int n = read();
          if (n == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = n;
            continue;
          }
        } else {
          field.append((char) c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n' || c == END) {
        if (c == '\r') {
          int n = read();
          if (n != '\n') {
            pushBack(n);
          }
        }
        fields.add(field.toString());
        return fields;
      } else if (c == '"') {
        if (field.length() > 0 || wasQuoted) {
          throw new MalformedImportException(
              row, "a double quote inside a field that does not start with one");
        }
        quoted = true;
        wasQuoted = true;
      } else {
        if (wasQuoted) {
          throw new MalformedImportException(row, "text after the closing quote of a field");
        }
        field.append((char) c);
      }
      c = read();
    }
  }

  private int read() {
    if (pushedBack != -2) {
      int c = pushedBack;
      pushedBack = -2;
      return c;
    }
    try {
      return reader.read();
    } catch (IOException e) {
      throw new MalformedImportException(row, "the file could not be read: " + e.getMessage());
    }
  }

  private void pushBack(int c) {
    pushedBack = c;
  }
}
