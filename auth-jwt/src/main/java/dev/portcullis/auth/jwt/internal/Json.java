package dev.portcullis.auth.jwt.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for JOSE: objects only, strict UTF-8, duplicate member names refused (RFC 7515 section 4
 * lets a producer-side duplicate change what a consumer sees), nothing after the object, fractions
 * kept exact, output in plain notation. Parsing streams the tokens into maps and lists (it runs
 * twice per uncached token verification).
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /**
   * The reader's factory: Jackson's strict defaults (no comments, no single quotes, no NaN, its
   * nesting and number-length limits); duplicates are detected while the map is built, which costs
   * less than the parser's own detection.
   */
  private static final JsonFactory READER = JsonFactory.builder().build();

  private Json() {}

  /**
   * Parses a JSON object from UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 or not exactly one JSON object
   */
  public static Map<String, Object> parseObject(byte[] utf8) {
    if (!isAscii(utf8) && !isStrictUtf8(utf8)) {
      throw new IllegalArgumentException("is not valid UTF-8");
    }
    try (JsonParser p = READER.createParser(utf8)) {
      return readDocument(p);
    } catch (IOException e) {
      throw notJson(e);
    }
  }

  /**
   * Parses a JSON object from text.
   *
   * @throws IllegalArgumentException if the text is not exactly one JSON object
   */
  public static Map<String, Object> parseObject(String text) {
    try (JsonParser p = READER.createParser(text.strip())) {
      return readDocument(p);
    } catch (IOException e) {
      throw notJson(e);
    }
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether the bytes are well-formed UTF-8 (no overlong forms, no surrogates, no garbage). */
  private static boolean isStrictUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * One JSON object and nothing after it, read with the streaming parser into {@link
   * LinkedHashMap}s and {@link ArrayList}s: integers as Integer, Long or BigInteger, fractions as
   * BigDecimal, a repeated member name refused at any depth. This is what the data-binding reader
   * built, without its type resolution and deserializer lookups on every call.
   */
  private static Map<String, Object> readDocument(JsonParser p) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    Map<String, Object> object = readObject(p);
    if (p.nextToken() != null) {
      throw new IllegalArgumentException("is not valid JSON");
    }
    return object;
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    String name;
    while ((name = p.nextFieldName()) != null) {
      Object value = readValue(p, p.nextToken());
      if (object.containsKey(name)) {
        throw new IllegalArgumentException(
            "repeats a member name ('" + JwsVerifier.printable(name) + "')");
      }
      object.put(name, value);
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IllegalArgumentException("is not valid JSON");
    }
    return object;
  }

  private static Object readValue(JsonParser p, JsonToken t) throws IOException {
    if (t == null) {
      throw new IllegalArgumentException("is not valid JSON");
    }
    return switch (t) {
      case START_OBJECT -> readObject(p);
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        JsonToken next;
        while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
          list.add(readValue(p, next));
        }
        yield list;
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("is not valid JSON");
    };
  }

  private static IllegalArgumentException notJson(IOException e) {
    // Jackson's messages quote the input; ours never do.
    return new IllegalArgumentException("is not valid JSON");
  }

  /** Serialises a map of JSON values (strings, numbers, booleans, lists, maps) compactly. */
  public static byte[] write(Map<String, ?> object) {
    try {
      return MAPPER.writeValueAsBytes(object);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The same as {@link #write} as text. */
  public static String writeString(Map<String, ?> object) {
    return new String(write(object), StandardCharsets.UTF_8);
  }

  /**
   * A deeply unmodifiable copy of a parsed JSON value; JSON nulls inside objects are dropped, so
   * the result can go into {@code Map.copyOf}.
   */
  @SuppressWarnings("unchecked")
  public static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() != null) {
          copy.put(String.valueOf(e.getKey()), freeze(e.getValue()));
        }
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>(l.size());
      for (Object o : l) {
        copy.add(o == null ? null : freeze(o));
      }
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
