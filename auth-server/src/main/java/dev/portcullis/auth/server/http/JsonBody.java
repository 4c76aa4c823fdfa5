package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * A request's JSON object, read with a size limit and checked strictly: the content type must be
 * JSON, the body at most the configured size, the text valid JSON (no duplicate keys, no trailing
 * data) and its root an object. Every failure is a 400 {@code invalid_request} whose detail says
 * exactly what is wrong and never quotes the input (it may hold a password).
 */
final class JsonBody {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
          .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final String NOT_JSON =
      "is not valid JSON (strings in double quotes, no comments, no duplicate keys, no trailing"
          + " data); send one JSON object such as {\"email\": \"...\"}";

  private static final JsonBody EMPTY = new JsonBody(MAPPER.createObjectNode());

  private final JsonNode root;

  private JsonBody(JsonNode root) {
    this.root = root;
  }

  /**
   * Reads the body of {@code ctx}.
   *
   * @param required whether an empty body is an error; when false it reads as {@code {}}
   * @throws ProblemException for every way the body is unacceptable
   */
  static JsonBody read(Context ctx, int maxBytes, boolean required) {
    long declared = ctx.req().getContentLengthLong();
    boolean chunked = ctx.header("Transfer-Encoding") != null;
    if (declared == 0 || (declared < 0 && !chunked)) {
      if (required) {
        throw ProblemException.invalid(
            "body", "is empty; send a JSON object with Content-Type: application/json");
      }
      return EMPTY;
    }
    String type = ctx.header("Content-Type");
    if (!isJson(type)) {
      throw ProblemException.invalid(
          "Content-Type",
          (type == null ? "is missing" : "is '" + mediaType(type) + "'")
              + "; send the body as application/json");
    }
    if (declared > maxBytes) {
      throw tooLarge(declared, maxBytes);
    }
    byte[] bytes = readAtMost(ctx, maxBytes);
    if (bytes.length == 0) {
      if (required) {
        throw ProblemException.invalid("body", "is empty; send a JSON object");
      }
      return EMPTY;
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      // A fixed text: the parser's message names the offending character and where it stands,
      // which tells a prober about the input (a password typed without quotes, for one).
      throw ProblemException.invalid("body", NOT_JSON);
    } catch (IOException e) {
      throw ProblemException.invalid("body", "could not be read");
    }
    if (root == null || !root.isObject()) {
      throw ProblemException.invalid(
          "body", "must be a JSON object such as {\"email\": \"...\"}, not " + kind(root));
    }
    return new JsonBody(root);
  }

  /** A text field that must be present. */
  String requiredString(String name) {
    return optionalString(name)
        .orElseThrow(() -> ProblemException.invalid(name, "is missing; add \"" + name + "\""));
  }

  /** A text field that may be absent or null; blank text counts as given. */
  Optional<String> optionalString(String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw ProblemException.invalid(name, "must be a string, not " + kind(n));
    }
    return Optional.of(n.textValue());
  }

  /** A short display text: at most {@code max} characters, no control characters. */
  Optional<String> optionalLabel(String name, int max) {
    Optional<String> v = optionalString(name).map(String::strip).filter(s -> !s.isEmpty());
    if (v.isPresent()) {
      String s = v.get();
      if (s.codePointCount(0, s.length()) > max) {
        throw ProblemException.invalid(name, "is longer than " + max + " characters");
      }
      if (s.codePoints().anyMatch(Character::isISOControl)) {
        throw ProblemException.invalid(name, "contains control characters");
      }
    }
    return v;
  }

  /** A boolean field, false when absent. */
  boolean optionalBoolean(String name) {
    JsonNode n = root.get(name);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw ProblemException.invalid(name, "must be true or false, not " + kind(n));
    }
    return n.booleanValue();
  }

  private static byte[] readAtMost(Context ctx, int maxBytes) {
    try (InputStream in = ctx.req().getInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, 8192));
      byte[] buf = new byte[8192];
      int total = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge(-1, maxBytes);
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ProblemException.invalid("body", "could not be read completely");
    }
  }

  private static ProblemException tooLarge(long declared, int max) {
    return ProblemException.invalid(
        "body",
        (declared > 0 ? "is " + declared + " bytes" : "is larger than " + max + " bytes")
            + "; at most "
            + max
            + " bytes are accepted (auth.server.max-body-bytes)");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String t = mediaType(contentType);
    return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
  }

  private static String mediaType(String contentType) {
    int semi = contentType.indexOf(';');
    String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    t = t.toLowerCase(Locale.ROOT);
    // Echo only a media-type-shaped value.
    return t.matches("[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}") ? t : "(not a media type)";
  }

  private static String kind(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "something else";
    };
  }
}
