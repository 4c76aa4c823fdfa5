package dev.portcullis.auth.client.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON objects as {@code Map<String, Object>} (values: String, Long, Double, Boolean, null, List,
 * Map) with jackson-core's streaming parser; no databind.
 */
public final class Json {
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(32)
                  .maxStringLength(1 << 20)
                  .maxNumberLength(64)
                  .build())
          .build();

  private Json() {}

  /** Thrown when a body is not a JSON object; the message never quotes the body. */
  public static final class NotJson extends Exception {
    private static final long serialVersionUID = 1L;

    NotJson(String reason) {
      super(reason);
    }
  }

  /** Parses a JSON object. */
  public static Map<String, Object> parseObject(String text) throws NotJson {
    try (JsonParser parser = FACTORY.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new NotJson("the body is not a JSON object");
      }
      Map<String, Object> object = readObject(parser);
      if (parser.nextToken() != null) {
        throw new NotJson("the body has content after the JSON object");
      }
      return object;
    } catch (IOException e) {
      // Jackson's message may quote the input, which may hold a token: name the position only.
      return fail(e);
    }
  }

  private static Map<String, Object> fail(IOException e) throws NotJson {
    String where =
        e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
            ? " near line "
                + p.getLocation().getLineNr()
                + ", column "
                + p.getLocation().getColumnNr()
            : "";
    throw new NotJson("the body is not valid JSON" + where);
  }

  private static Map<String, Object> readObject(JsonParser parser) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      object.put(name, readValue(parser));
    }
    return object;
  }

  private static Object readValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> readObject(parser);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(parser));
        }
        yield list;
      }
      case VALUE_STRING -> parser.getText();
      case VALUE_NUMBER_INT -> parser.getLongValue();
      case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default ->
          throw new com.fasterxml.jackson.core.JsonParseException(
              parser, "unexpected token " + token);
    };
  }

  /** Writes a flat object of strings, numbers and booleans (nulls are left out). */
  public static String write(Map<String, ?> object) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      generator.writeStartObject();
      for (Map.Entry<String, ?> entry : object.entrySet()) {
        Object value = entry.getValue();
        if (value == null) {
          continue;
        }
        generator.writeFieldName(entry.getKey());
        if (value instanceof Long l) {
          generator.writeNumber(l);
        } else if (value instanceof Integer i) {
          generator.writeNumber(i);
        } else if (value instanceof Boolean b) {
          generator.writeBoolean(b);
        } else {
          generator.writeString(value.toString());
        }
      }
      generator.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to a string cannot fail", e);
    }
    return out.toString();
  }

  /** The string member {@code name}, if present and a string. */
  public static Optional<String> string(Map<String, Object> object, String name) {
    return object.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /**
   * The integer member {@code name}, if present and a number (some servers send {@code
   * "expires_in": "3600"}: a numeric string is accepted too).
   */
  public static Optional<Long> integer(Map<String, Object> object, String name) {
    Object value = object.get(name);
    if (value instanceof Long l) {
      return Optional.of(l);
    }
    if (value instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return Optional.of(d.longValue());
    }
    if (value instanceof String s && s.matches("\\d{1,12}")) {
      return Optional.of(Long.parseLong(s));
    }
    return Optional.empty();
  }

  /** Whether the boolean member {@code name} is present and true. */
  public static boolean isTrue(Map<String, Object> object, String name) {
    return Boolean.TRUE.equals(object.get(name));
  }

  /** The strings of the array member {@code name}; empty when absent. */
  public static List<String> strings(Map<String, Object> object, String name) {
    if (!(object.get(name) instanceof List<?> list)) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof String s) {
        strings.add(s);
      }
    }
    return strings;
  }
}
