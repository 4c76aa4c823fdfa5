package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.auth.api.error.AuthError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * RFC 6749 section 5.2 errors for the OAuth endpoints: {@code application/json;charset=UTF-8},
 * {@code {"error": ..., "error_description": ...}}, {@code Cache-Control: no-store} and {@code
 * Pragma: no-cache}. Strict OAuth clients read only such bodies, never problem+json.
 *
 * <p>Status: 401 with {@code WWW-Authenticate: Basic realm="<issuer>"} for {@code invalid_client}
 * (always, not only when the client used the {@code Authorization} header as RFC 6749 asks: a
 * client that sent its secret in the body learns the same thing either way), 500 for {@code
 * server_error}, 503 for {@code temporarily_unavailable} (with {@code Retry-After} when known), 400
 * for every other error. The first-party API's statuses ({@link AuthError#httpStatus()}) do not
 * apply here. Failures without an {@link AuthError} (router, container) keep their HTTP status with
 * {@code invalid_request} (4xx) or {@code server_error} / {@code temporarily_unavailable} (5xx).
 *
 * <p>{@code error_description} holds only the characters RFC 6749 allows there (printable ASCII
 * without {@code "} and {@code \}); server-side failures get a fixed text, because their messages
 * name databases and settings, which are for the log.
 */
final class OAuthErrors implements ErrorFormat {

  /** The {@code Content-Type} of every JSON answer of the OAuth endpoints. */
  static final String JSON = "application/json;charset=UTF-8";

  private static final String UNAVAILABLE = "The service cannot answer right now; retry later.";

  private final String challenge;

  /**
   * @param realm the {@code realm} of the Basic challenge: the issuer
   */
  OAuthErrors(String realm) {
    this.challenge = "Basic realm=\"" + descriptionSafe(Objects.requireNonNull(realm)) + "\"";
  }

  @Override
  public Answer error(AuthError error, String detail, Map<String, String> extra) {
    String code = error.oauthError();
    int status =
        switch (code) {
          case "invalid_client" -> 401;
          case "server_error" -> 500;
          case "temporarily_unavailable" -> 503;
          default -> 400;
        };
    Map<String, String> headers = new LinkedHashMap<>(extra);
    if (status == 401) {
      headers.put("WWW-Authenticate", challenge);
    }
    error
        .retryAfter()
        .filter(d -> status == 503)
        .ifPresent(d -> headers.put("Retry-After", Long.toString(Problems.seconds(d))));
    String description = status >= 500 ? UNAVAILABLE : detail != null ? detail : error.message();
    return answer(status, code, description, headers);
  }

  @Override
  public Answer other(int status, String detail) {
    String code =
        status == 503
            ? "temporarily_unavailable"
            : status >= 500 ? "server_error" : "invalid_request";
    return answer(status, code, detail, Map.of());
  }

  private static Answer answer(
      int status, String code, String description, Map<String, String> extra) {
    Map<String, String> headers = new LinkedHashMap<>(extra);
    headers.put("Content-Type", JSON);
    headers.put("Cache-Control", "no-store");
    headers.put("Pragma", "no-cache");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    if (description != null && !description.isBlank()) {
      body.put("error_description", descriptionSafe(description));
    }
    try {
      return new Answer(status, headers, JsonBody.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an OAuth error is always serialisable", e);
    }
  }

  /**
   * {@code text} in RFC 6749's {@code error_description} alphabet ({@code %x20-21 / %x23-5B /
   * %x5D-7E}): a double quote becomes a single one, anything else outside it a question mark.
   */
  static String descriptionSafe(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        b.append('\'');
      } else if (c >= 0x20 && c <= 0x7E && c != '\\') {
        b.append(c);
      } else if (c == '\n' || c == '\r' || c == '\t') {
        b.append(' ');
      } else {
        b.append('?');
      }
    }
    return b.toString();
  }
}
