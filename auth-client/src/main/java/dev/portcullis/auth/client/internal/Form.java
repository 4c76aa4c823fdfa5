package dev.portcullis.auth.client.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** {@code application/x-www-form-urlencoded} bodies and query strings. */
public final class Form {
  private Form() {}

  /** Encodes the entries in order; null values are left out. */
  public static String encode(Map<String, String> parameters) {
    StringJoiner joiner = new StringJoiner("&");
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            joiner.add(encode(name) + "=" + encode(value));
          }
        });
    return joiner.toString();
  }

  /** One value, form-encoded. */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * Decodes a query string. A parameter given twice keeps its first value and is reported by {@link
   * #hasDuplicates(String)}.
   */
  public static Map<String, String> decode(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        parameters.putIfAbsent(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        // A broken escape: the parameter is unusable, leave it out.
      }
    }
    return parameters;
  }

  /** Whether a parameter name occurs twice (RFC 6749 §3.1: parameters must not repeat). */
  public static boolean hasDuplicates(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return false;
    }
    java.util.Set<String> names = new java.util.HashSet<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (!pair.isEmpty() && !names.add(eq < 0 ? pair : pair.substring(0, eq))) {
        return true;
      }
    }
    return false;
  }
}
