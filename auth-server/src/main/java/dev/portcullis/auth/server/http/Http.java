package dev.portcullis.auth.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.portcullis.auth.api.Result;
import io.javalin.http.Context;

/** Small helpers shared by the routes. */
final class Http {
  static final String CLIENT_ADDRESS = "portcullis.client-address";
  static final String REQUEST_ID = "portcullis.request-id";
  private static final int MAX_USER_AGENT = 256;

  private Http() {}

  /** The value of an {@code Ok}; an {@code Err} ends the request with its problem. */
  static <T> T ok(Result<T> result) {
    return result.fold(
        v -> v,
        e -> {
          throw new ProblemException(e);
        });
  }

  /** Writes {@code body} as UTF-8 JSON with {@code status}. */
  static void json(Context ctx, int status, Object body) {
    ctx.status(status);
    ctx.contentType("application/json; charset=utf-8");
    try {
      ctx.result(JsonBody.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
  }

  /** The client address resolved for this request (trusted proxies considered). */
  static String clientAddress(Context ctx) {
    return ctx.attribute(CLIENT_ADDRESS);
  }

  /** The user agent, shortened, or null. */
  static String userAgent(Context ctx) {
    String ua = ctx.header("User-Agent");
    if (ua == null || ua.isBlank()) {
      return null;
    }
    ua = ua.strip();
    return ua.length() > MAX_USER_AGENT ? ua.substring(0, MAX_USER_AGENT) : ua;
  }
}
