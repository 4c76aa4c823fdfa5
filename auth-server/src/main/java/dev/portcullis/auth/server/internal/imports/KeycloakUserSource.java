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
import dev.portcullis.auth.core.hash.KeycloakCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A Keycloak realm export ({@code kc.sh export --realm R --file F}, or one of the users files of
 * {@code --users different_files}): the top-level {@code users} array, every other field skipped
 * unread. From each user: {@code email} (else {@code username} when it is an address), {@code
 * firstName} and {@code lastName}, {@code emailVerified}, {@code enabled}, and the first {@code
 * credentials[]} entry of type {@code password}, whose {@code secretData} ({@code value}, {@code
 * salt}) and {@code credentialData} ({@code hashIterations}, {@code algorithm}, {@code
 * additionalParameters}) are JSON strings in exports (objects are accepted too), rewritten by
 * {@link KeycloakCredentials}. Exports from Keycloak before 7 ({@code hashedSaltedValue}, {@code
 * salt}, {@code hashIterations}, {@code algorithm} on the credential) are read as well. Rows are
 * the 1-based position in {@code users}.
 */
final class KeycloakUserSource implements UserSource {
  private final JsonParser parser;
  private boolean started;
  private boolean inUsers;
  private boolean sawUsers;
  private long row;

  KeycloakUserSource(InputStream in) {
    this.parser = JsonUsers.parser(in);
  }

  @Override
  public Optional<ImportRow> next() {
    try {
      if (!started) {
        started = true;
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          throw new MalformedImportException(0, "a Keycloak realm export is a JSON object");
        }
      }
      while (true) {
        if (inUsers) {
          JsonToken token = parser.nextToken();
          if (token == JsonToken.END_ARRAY) {
            inUsers = false;
            continue;
          }
          row++;
          if (token != JsonToken.START_OBJECT) {
            throw new MalformedImportException(row, "users holds something else than objects");
          }
          return Optional.of(toRow(JsonUsers.MAPPER.readTree(parser)));
        }
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT || token == null) {
          if (!sawUsers) {
            throw new MalformedImportException(
                0,
                "the file has no users array; export the realm with its users (kc.sh export"
                    + " --realm <realm> --users realm_file)");
          }
          return Optional.empty();
        }
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("users".equals(field) && value == JsonToken.START_ARRAY) {
          inUsers = true;
          sawUsers = true;
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException e) {
      throw JsonUsers.malformed(row, e);
    }
  }

  private ImportRow toRow(JsonNode user) {
    String email = JsonUsers.text(user, "email");
    String username = JsonUsers.text(user, "username");
    if ((email == null || email.isBlank()) && Emails.plausible(username)) {
      email = username;
    }
    String identifier = email == null || email.isBlank() ? username : email;
    JsonNode credential = null;
    JsonNode credentials = user.get("credentials");
    if (credentials != null && credentials.isArray()) {
      for (JsonNode c : credentials) {
        if ("password".equals(JsonUsers.text(c, "type"))) {
          credential = c;
          break;
        }
      }
    }
    if (credential == null) {
      return refused(identifier, RefusalReason.NO_PASSWORD, "the user has no password credential");
    }
    String hash;
    try {
      hash = storedHash(credential);
    } catch (IllegalArgumentException e) {
      return refused(identifier, RefusalReason.UNSUPPORTED_HASH, e.getMessage());
    }
    return new ImportRow.Candidate(
        new ImportedUser(
            row,
            email,
            JsonUsers.name(JsonUsers.text(user, "firstName"), JsonUsers.text(user, "lastName")),
            hash,
            JsonUsers.flag(user, "emailVerified", false),
            JsonUsers.flag(user, "enabled", true)));
  }

  private ImportRow refused(String identifier, RefusalReason reason, String detail) {
    return new ImportRow.Refused(new Refusal(row, identifier, reason, detail));
  }

  private static String storedHash(JsonNode credential) {
    JsonNode secret = embedded(credential, "secretData");
    JsonNode data = embedded(credential, "credentialData");
    if (secret == null && data == null && credential.has("hashedSaltedValue")) {
      // Keycloak before 7 kept the fields on the credential itself.
      secret = credential;
      data = credential;
      return KeycloakCredentials.toStoredHash(
          JsonUsers.text(data, "algorithm"),
          data.path("hashIterations").asLong(0),
          JsonUsers.text(secret, "salt"),
          JsonUsers.text(secret, "hashedSaltedValue"),
          Map.of());
    }
    if (secret == null || data == null) {
      throw new IllegalArgumentException("the credential has no secretData or credentialData");
    }
    Map<String, String> parameters = new HashMap<>();
    JsonNode additional = data.get("additionalParameters");
    if (additional != null && additional.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = additional.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        // Keycloak writes each as a list of strings (a MultivaluedHashMap); take the first.
        JsonNode value = entry.getValue().isArray() ? entry.getValue().get(0) : entry.getValue();
        if (value != null && value.isValueNode()) {
          parameters.put(entry.getKey(), value.asText());
        }
      }
    }
    return KeycloakCredentials.toStoredHash(
        JsonUsers.text(data, "algorithm"),
        data.path("hashIterations").asLong(0),
        JsonUsers.text(secret, "salt"),
        JsonUsers.text(secret, "value"),
        parameters);
  }

  /** A field that exports hold as a JSON string of an object, or as the object itself. */
  private static JsonNode embedded(JsonNode credential, String field) {
    JsonNode node = credential.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isObject()) {
      return node;
    }
    if (node.isTextual()) {
      try {
        JsonNode parsed = JsonUsers.MAPPER.readTree(node.asText());
        if (parsed != null && parsed.isObject()) {
          return parsed;
        }
      } catch (IOException e) {
        // Falls through to the refusal below, without Jackson's message (it quotes the text).
      }
    }
    throw new IllegalArgumentException("the credential's " + field + " is not a JSON object");
  }

  @Override
  public void close() {
    JsonUsers.close(parser);
  }
}
