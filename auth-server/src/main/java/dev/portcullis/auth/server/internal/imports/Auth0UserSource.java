package dev.portcullis.auth.server.internal.imports;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.core.account.imports.ImportRow;
import dev.portcullis.auth.core.account.imports.ImportedUser;
import dev.portcullis.auth.core.account.imports.MalformedImportException;
import dev.portcullis.auth.core.account.imports.Refusal;
import dev.portcullis.auth.core.account.imports.RefusalReason;
import dev.portcullis.auth.core.account.imports.UserSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Auth0's password-hash export (the file Auth0 support sends; the self-service export job has no
 * hashes): NDJSON, one JSON object per line. From each: {@code email} and {@code email_verified}
 * (else the {@code identifiers[]} entry of type {@code email}, with its {@code verified}), {@code
 * passwordHash} (bcrypt {@code $2a$}/{@code $2b$}), {@code name} when present. A user without
 * {@code passwordHash} (a social or passwordless login) is refused with {@code no_password}. Rows
 * are line numbers; blank lines are passed over; a line that is not a JSON object stops the import.
 */
final class Auth0UserSource implements UserSource {
  private static final int MAX_LINE_CHARS = 64 * 1024;

  private final BufferedReader reader;
  private long line;

  Auth0UserSource(InputStream in) {
    this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  @Override
  public Optional<ImportRow> next() {
    while (true) {
      String text = readLine();
      if (text == null) {
        return Optional.empty();
      }
      if (text.isBlank()) {
        continue;
      }
      JsonNode user;
      try {
        user = JsonUsers.MAPPER.readTree(text);
      } catch (IOException e) {
        throw new MalformedImportException(line, "the line is not valid JSON");
      }
      if (user == null || !user.isObject()) {
        throw new MalformedImportException(line, "the line is not a JSON object");
      }
      return Optional.of(toRow(user));
    }
  }

  private ImportRow toRow(JsonNode user) {
    String email = JsonUsers.text(user, "email");
    boolean verified = JsonUsers.flag(user, "email_verified", false);
    JsonNode identifiers = user.get("identifiers");
    if ((email == null || email.isBlank()) && identifiers != null && identifiers.isArray()) {
      for (JsonNode id : identifiers) {
        if ("email".equals(JsonUsers.text(id, "type"))) {
          email = JsonUsers.text(id, "value");
          verified = JsonUsers.flag(id, "verified", false);
          break;
        }
      }
    }
    String hash = JsonUsers.text(user, "passwordHash");
    if (hash == null || hash.isEmpty()) {
      return new ImportRow.Refused(
          new Refusal(
              line,
              email,
              RefusalReason.NO_PASSWORD,
              "the user has no passwordHash (a social or passwordless login)"));
    }
    return new ImportRow.Candidate(
        new ImportedUser(line, email, JsonUsers.text(user, "name"), hash, verified, true));
  }

  /** The next line, at most {@link #MAX_LINE_CHARS} long, or null at the end. */
  private String readLine() {
    StringBuilder out = new StringBuilder();
    try {
      int c = reader.read();
      if (c < 0) {
        return null;
      }
      line++;
      while (c >= 0 && c != '\n') {
        if (out.length() >= MAX_LINE_CHARS) {
          throw new MalformedImportException(
              line, "the line is longer than " + MAX_LINE_CHARS + " characters");
        }
        out.append((char) c);
        c = reader.read();
      }
    } catch (IOException e) {
      throw new MalformedImportException(line, "the file cannot be read");
    }
    int end = out.length();
    if (end > 0 && out.charAt(end - 1) == '\r') {
      out.setLength(end - 1);
    }
    return out.toString();
  }

  @Override
  public void close() {
    JsonUsers.close(reader);
  }
}
