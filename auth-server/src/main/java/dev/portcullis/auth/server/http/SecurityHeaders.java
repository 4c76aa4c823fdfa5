package dev.portcullis.auth.server.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The security headers of every answer: the API's own and the container's error pages alike, so an
 * error raised before routing (a bad request line, an over-long header) is no weaker than a 200.
 */
final class SecurityHeaders {
  private static final Map<String, String> ALWAYS = new LinkedHashMap<>();

  static {
    ALWAYS.put("X-Content-Type-Options", "nosniff");
    ALWAYS.put("X-Frame-Options", "DENY");
    ALWAYS.put("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ALWAYS.put("Referrer-Policy", "no-referrer");
    ALWAYS.put("Cross-Origin-Opener-Policy", "same-origin");
    ALWAYS.put("Cache-Control", "no-store");
  }

  private SecurityHeaders() {}

  /**
   * Sets each header through {@code header}, with {@code Strict-Transport-Security} when the client
   * reached the service over https.
   */
  static void apply(BiConsumer<String, String> header, boolean secure) {
    ALWAYS.forEach(header);
    if (secure) {
      header.accept("Strict-Transport-Security", "max-age=31536000");
    }
  }
}
