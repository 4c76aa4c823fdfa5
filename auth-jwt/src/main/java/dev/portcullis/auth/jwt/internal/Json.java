package dev.portcullis.auth.jwt.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * lets a producer-side duplicate change what a consumer sees), fractions kept exact, output in
 * plain notation.
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

  private static final TypeReference<LinkedHashMap<String, Object>> OBJECT =
      new TypeReference<>() {};

  private Json() {}

  /**
   * Parses a JSON object from UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the bytes are not UTF-8 or not exactly one JSON object
   */
  public static Map<String, Object> parseObject(byte[] utf8) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("is not valid UTF-8");
    }
    return parseObject(text);
  }

  /**
   * Parses a JSON object from text.
   *
   * @throws IllegalArgumentException if the text is not exactly one JSON object
   */
  public static Map<String, Object> parseObject(String text) {
    String t = text.strip();
    if (!t.startsWith("{")) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    try {
      return MAPPER.readValue(t, OBJECT);
    } catch (JsonProcessingException e) {
      String reason = e.getOriginalMessage();
      if (reason != null && reason.startsWith("Duplicate field")) {
        throw new IllegalArgumentException("repeats a member name (" + reason + ")");
      }
      throw new IllegalArgumentException("is not valid JSON");
    }
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
