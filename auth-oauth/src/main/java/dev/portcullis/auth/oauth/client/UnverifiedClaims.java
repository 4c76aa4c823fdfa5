package dev.portcullis.auth.oauth.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Base64;

/**
 * The {@code sub} of a client assertion read BEFORE its signature is checked, only to find the
 * client whose keys then verify it (RFC 7523 lets the request omit {@code client_id}). Nothing read
 * here is trusted: the verified claims are checked again. Strict: three parts, base64url without
 * padding, one JSON object without repeated members.
 */
final class UnverifiedClaims {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private UnverifiedClaims() {}

  /**
   * The {@code sub} claim if the assertion is shaped like a JWS and has a string one, else null.
   */
  static String subject(String assertion) {
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3 || parts[1].indexOf('=') >= 0) {
      return null;
    }
    try {
      JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
      if (claims == null || !claims.isObject()) {
        return null;
      }
      JsonNode sub = claims.get("sub");
      return sub != null && sub.isTextual() ? sub.textValue() : null;
    } catch (IllegalArgumentException | IOException e) {
      return null;
    }
  }
}
