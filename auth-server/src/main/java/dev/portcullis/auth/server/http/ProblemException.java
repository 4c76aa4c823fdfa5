package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.error.AuthError;
import java.util.Map;
import java.util.Objects;

/**
 * Ends a request with the problem document of an {@link AuthError}. Thrown by handlers and turned
 * into the answer by {@link HttpApi}'s exception mapping. Carries no stack trace: it is an expected
 * outcome, not a bug.
 */
final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient AuthError error;
  private final String detail;
  private final transient Map<String, String> headers;

  ProblemException(AuthError error) {
    this(error, null, Map.of());
  }

  ProblemException(AuthError error, String detail) {
    this(error, detail, Map.of());
  }

  ProblemException(AuthError error, String detail, Map<String, String> headers) {
    super(error.code(), null, false, false);
    this.error = Objects.requireNonNull(error, "error");
    this.detail = detail;
    this.headers = Map.copyOf(headers);
  }

  AuthError error() {
    return error;
  }

  /** A detail replacing the error's own message, or null. */
  String detail() {
    return detail;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** Shorthand for a bad request about one input. */
  static ProblemException invalid(String field, String problem) {
    return new ProblemException(new AuthError.InvalidRequest(field, problem));
  }
}
