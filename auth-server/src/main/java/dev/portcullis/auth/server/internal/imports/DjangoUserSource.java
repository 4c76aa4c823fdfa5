package dev.portcullis.auth.server.internal.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.auth.core.account.Emails;
import dev.portcullis.auth.core.account.imports.ImportRow;
import dev.portcullis.auth.core.account.imports.ImportedUser;
import dev.portcullis.auth.core.account.imports.MalformedImportException;
import dev.portcullis.auth.core.account.imports.Refusal;
import dev.portcullis.auth.core.account.imports.RefusalReason;
import dev.portcullis.auth.core.account.imports.UserSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Django's {@code manage.py dumpdata auth.user} (or a custom user model): a JSON array of {@code
 * {"model": ..., "pk": ..., "fields": {...}}}. From {@code fields}: {@code email} (else {@code
 * username} when it is an address), {@code password} (any Django hasher the hasher verifies: {@code
 * pbkdf2_sha256$}, {@code pbkdf2_sha1$}, {@code argon2$}, {@code scrypt$}), {@code first_name} and
 * {@code last_name} as the name, {@code is_active}. Objects without {@code fields.password} (other
 * models in the same dump) are passed over without a row. A password starting with {@code !} is
 * Django's unusable password and is refused. The address counts as proven: Django does not record
 * it. Rows are the 1-based position in the array.
 */
final class DjangoUserSource implements UserSource {
  private final JsonParser parser;
  private boolean started;
  private long row;

  DjangoUserSource(InputStream in) {
    this.parser = JsonUsers.parser(in);
  }

  @Override
  public Optional<ImportRow> next() {
    try {
      if (!started) {
        started = true;
        if (parser.nextToken() != JsonToken.START_ARRAY) {
          throw new MalformedImportException(
              0, "a Django dump is a JSON array; run manage.py dumpdata auth.user --indent 2");
        }
      }
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
          return Optional.empty();
        }
        row++;
        if (token != JsonToken.START_OBJECT) {
          throw new MalformedImportException(row, "the array holds something else than objects");
        }
        JsonNode object = JsonUsers.MAPPER.readTree(parser);
        JsonNode fields = object.get("fields");
        if (fields == null || !fields.isObject() || !fields.has("password")) {
          row--;
          continue;
        }
        return Optional.of(toRow(fields));
      }
    } catch (IOException e) {
      throw JsonUsers.malformed(row, e);
    }
  }

  private ImportRow toRow(JsonNode fields) {
    String email = JsonUsers.text(fields, "email");
    String username = JsonUsers.text(fields, "username");
    if ((email == null || email.isBlank()) && Emails.plausible(username)) {
      email = username;
    }
    String identifier = email == null || email.isBlank() ? username : email;
    String password = JsonUsers.text(fields, "password");
    if (password != null && password.startsWith("!")) {
      return new ImportRow.Refused(
          new Refusal(
              row,
              identifier,
              RefusalReason.UNUSABLE_PASSWORD,
              "Django marks this password unusable (it starts with !)"));
    }
    if (email == null || email.isBlank()) {
      return new ImportRow.Refused(
          new Refusal(
              row,
              identifier,
              RefusalReason.MISSING_EMAIL,
              "neither email nor username is an e-mail address"));
    }
    return new ImportRow.Candidate(
        new ImportedUser(
            row,
            email,
            JsonUsers.name(
                JsonUsers.text(fields, "first_name"), JsonUsers.text(fields, "last_name")),
            password,
            true,
            JsonUsers.flag(fields, "is_active", true)));
  }

  @Override
  public void close() {
    JsonUsers.close(parser);
  }
}
