package dev.portcullis.auth.jwt.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Map;

/** Test vectors from {@code src/test/resources}. */
public final class Resources {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Resources() {}

  public static JsonNode json(String path) {
    try (InputStream in = Resources.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + path);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(JsonNode node) {
    return MAPPER.convertValue(node, Map.class);
  }

  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
