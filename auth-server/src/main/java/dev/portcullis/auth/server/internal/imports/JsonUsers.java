package dev.portcullis.auth.server.internal.imports;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.core.account.imports.MalformedImportException;
import java.io.IOException;
import java.io.InputStream;

/** What the JSON readers share: a parser with limits, and errors that never quote the file. */
final class JsonUsers {
  /** Longest string accepted in an import file: far above any hash or name. */
  static final int MAX_STRING_CHARS = 64 * 1024;

  /** Deepest nesting accepted. */
  static final int MAX_DEPTH = 64;

  static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxStringLength(MAX_STRING_CHARS)
                      .maxNestingDepth(MAX_DEPTH)
                      .build())
              .build());

  private JsonUsers() {}

  static JsonParser parser(InputStream in) {
    try {
      return MAPPER.getFactory().createParser(in);
    } catch (IOException e) {
      throw new MalformedImportException(0, "the file cannot be read");
    }
  }

  /**
   * A typed error for a parse failure at {@code row}: where in the file, never the offending text
   * (Jackson's own messages quote it, and it may be a hash).
   */
  static MalformedImportException malformed(long row, IOException e) {
    if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
      JsonLocation at = jpe.getLocation();
      return new MalformedImportException(
          row,
          "invalid JSON at line "
              + at.getLineNr()
              + ", column "
              + at.getColumnNr()
              + " (or a value over "
              + MAX_STRING_CHARS
              + " characters)");
    }
    return new MalformedImportException(
        row, "the file cannot be read (" + e.getClass().getSimpleName() + ")");
  }

  /** The text of a field, or null when it is absent, null or not a string. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** A boolean field, or {@code otherwise} when absent or not a boolean. */
  static boolean flag(JsonNode node, String field, boolean otherwise) {
    JsonNode value = node.get(field);
    return value != null && value.isBoolean() ? value.asBoolean() : otherwise;
  }

  /** {@code first last} without blanks, or null. */
  static String name(String first, String last) {
    String name =
        ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
    return name.isEmpty() ? null : name;
  }

  static void close(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Nothing to do: the import is over either way.
    }
  }
}
