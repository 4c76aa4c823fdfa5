package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.error.AuthError;
import java.util.Map;
import java.util.Objects;

/**
 * How the answers of some paths word their errors instead of problem+json: a {@link RouteGroup}
 * claims its paths with {@link Routes#errorsAs}, and every error on them is written here, whether a
 * handler, the router (unknown method or path), a container limit (body too large, too slow) or a
 * bug raised it. The OAuth endpoints use it for RFC 6749 section 5.2 errors.
 */
interface ErrorFormat {

  /** The answer to an expected error; {@code detail} replaces its message when not null. */
  Answer error(AuthError error, String detail, Map<String, String> headers);

  /**
   * The answer to a failure without an {@link AuthError} (routing, the container, bugs) whose
   * status would be {@code status}; {@code detail} is fixed text that quotes nothing of the request
   * beyond a sanitised path.
   */
  Answer other(int status, String detail);

  /**
   * A complete answer.
   *
   * @param status the HTTP status
   * @param headers every header to set, {@code Content-Type} included
   * @param body the body
   */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    public Answer {
      headers = Map.copyOf(headers);
      Objects.requireNonNull(body, "body");
    }
  }
}
