package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.oauth.client.ClientCredentials;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of a request to an OAuth endpoint: {@code application/x-www-form-urlencoded} in UTF-8
 * only (RFC 6749 section 3.2, appendix B), each parameter at most once, a parameter without a value
 * treated as omitted (section 3.1). Query parameters are never read: secrets in a URL end up in
 * logs. Every refusal is {@code invalid_request} naming what is wrong, never a value.
 */
final class OAuthForm {
  static final String MEDIA_TYPE = "application/x-www-form-urlencoded";
  private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final Set<String> UTF8 = Set.of("utf-8", "utf8");

  private final Map<String, String> parameters;

  private OAuthForm(Map<String, String> parameters) {
    this.parameters = Collections.unmodifiableMap(parameters);
  }

  /**
   * The form of {@code ctx}'s body.
   *
   * @throws ProblemException {@code invalid_request} for another content type or charset, a broken
   *     encoding or a repeated parameter
   */
  static OAuthForm read(Context ctx) {
    checkContentType(ctx.header("Content-Type"));
    return parse(new String(ctx.bodyAsBytes(), StandardCharsets.UTF_8));
  }

  /** Every parameter sent with a value, by name. */
  Map<String, String> parameters() {
    return parameters;
  }

  /** The parameter {@code name}, or null when it was not sent or sent without a value. */
  String get(String name) {
    return parameters.get(name);
  }

  /**
   * What the request presents to authenticate its client: the single {@code Authorization} header
   * and the form's {@code client_*} parameters.
   */
  ClientCredentials credentials(Context ctx) {
    var headers = Collections.list(ctx.req().getHeaders("Authorization"));
    if (headers.size() > 1) {
      throw ProblemException.invalid(
          "Authorization", "is sent more than once; send one client authentication");
    }
    return new ClientCredentials(
        headers.isEmpty() ? null : headers.get(0),
        get("client_id"),
        get("client_secret"),
        get("client_assertion_type"),
        get("client_assertion"));
  }

  static void checkContentType(String contentType) {
    if (contentType == null) {
      throw ProblemException.invalid(
          "Content-Type", "is missing; send the parameters as " + MEDIA_TYPE);
    }
    String[] parts = contentType.split(";");
    if (!parts[0].strip().equalsIgnoreCase(MEDIA_TYPE)) {
      throw ProblemException.invalid(
          "Content-Type", "must be " + MEDIA_TYPE + " (RFC 6749 section 3.2)");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
        String charset = kv[1].strip().replace("\"", "").toLowerCase(Locale.ROOT);
        if (!UTF8.contains(charset)) {
          throw ProblemException.invalid(
              "Content-Type", "charset must be UTF-8 (RFC 6749 appendix B)");
        }
      }
    }
  }

  static OAuthForm parse(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    if (body.isEmpty()) {
      return new OAuthForm(out);
    }
    for (String pair : body.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.isEmpty()) {
        throw new ProblemException(
            new AuthError.InvalidRequest("body", "has a parameter without a name"));
      }
      if (seen.merge(name, 1, Integer::sum) > 1) {
        throw new ProblemException(
            new AuthError.InvalidRequest(
                PRINTABLE_NAME.matcher(name).matches() ? name : "parameter",
                "is sent more than once; each parameter may appear once (RFC 6749 section 3.2)"));
      }
      if (!value.isEmpty()) {
        out.put(name, value);
      }
    }
    return new OAuthForm(out);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          new AuthError.InvalidRequest("body", "is not valid form encoding (a broken % escape)"));
    }
  }
}
