package dev.portcullis.auth.server.http;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.server.ServerSettings;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself, before or around the API: a request line it cannot parse (400),
 * headers over {@code auth.server.limits.max-header-bytes} (431), a body too slow (408) or too
 * large, a failure outside a route. Each is a problem document in UTF-8 with the API's security
 * headers, never Jetty's HTML page, and its detail is fixed text: nothing of the request is echoed.
 */
final class ContainerErrors extends ErrorHandler {
  private final ServerSettings settings;
  private final ErrorFormats formats;

  ContainerErrors(ServerSettings settings, ErrorFormats formats) {
    this.settings = settings;
    this.formats = formats;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException e) {
      status = e.getCode();
    } else if (request.getAttribute(ERROR_STATUS) instanceof Integer s) {
      status = s;
    }
    if (status < 400) {
      status = 500;
    }
    Optional<ErrorFormat> format = formats.forPath(path(request));
    if (format.isPresent()) {
      ErrorFormat.Answer answer = answer(format.get(), status, request.getAttribute(ERROR_MESSAGE));
      response.setStatus(answer.status());
      HttpFields.Mutable headers = response.getHeaders();
      SecurityHeaders.apply(headers::put, request.isSecure());
      answer.headers().forEach(headers::put);
      response.write(true, ByteBuffer.wrap(answer.body()), callback);
      return true;
    }
    Map<String, Object> doc = document(status, request.getAttribute(ERROR_MESSAGE));
    int answered = (Integer) doc.get("status");
    response.setStatus(answered);
    HttpFields.Mutable headers = response.getHeaders();
    SecurityHeaders.apply(headers::put, request.isSecure());
    headers.put("Content-Type", Problems.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(Problems.bytes(doc)), callback);
    return true;
  }

  private static String path(Request request) {
    try {
      return request.getHttpURI() == null ? null : request.getHttpURI().getPath();
    } catch (RuntimeException e) {
      return null; // a request line too broken to have a path
    }
  }

  /** The answer in {@code format} for a container error of {@code status}. */
  private ErrorFormat.Answer answer(ErrorFormat format, int status, Object message) {
    Map<String, Object> doc = document(status, message);
    if (status == 413) {
      return format.error(
          new AuthError.InvalidRequest(
              "body",
              "is larger than " + settings.maxBodyBytes() + " bytes (auth.server.max-body-bytes)"),
          null,
          Map.of());
    }
    return format.other((Integer) doc.get("status"), (String) doc.get("detail"));
  }

  /**
   * The problem for a container error of {@code status}; {@code message} only selects among fixed
   * texts and is never shown.
   */
  Map<String, Object> document(int status, Object message) {
    return switch (status) {
      case 400 ->
          Problems.other(
              400, "bad_request", "The request is not valid HTTP/1.1; nothing was processed.");
      case 404 -> Problems.document(new AuthError.NotFound("endpoint"), null);
      case 408 ->
          Problems.other(
              408,
              "request_timeout",
              BufferedBodies.SLOW.equals(message)
                  ? "The request body arrived slower than "
                      + settings.limits().minDataRate()
                      + " bytes per second (auth.server.limits.min-data-rate); the connection is"
                      + " closed."
                  : "The request body did not arrive within "
                      + settings.limits().bodyTimeout().toMillis()
                      + " ms (auth.server.limits.body-timeout); the connection is closed.");
      case 413 ->
          Problems.document(
              new AuthError.InvalidRequest(
                  "body",
                  "is larger than "
                      + settings.maxBodyBytes()
                      + " bytes (auth.server.max-body-bytes)"),
              null);
      case 414 ->
          Problems.other(414, "uri_too_long", "The request target is too long; nothing was read.");
      case 431 ->
          Problems.other(
              431,
              "request_header_fields_too_large",
              "The request line and headers are larger than "
                  + settings.limits().maxHeaderBytes()
                  + " bytes (auth.server.limits.max-header-bytes).");
      case 503 -> Problems.document(new AuthError.ServiceUnavailable("http", "container"), null);
      default -> {
        if (status >= 500) {
          yield Problems.other(
              status, "internal_error", "The server failed unexpectedly; retry later.");
        }
        String reason = HttpStatus.getMessage(status);
        yield Problems.other(
            status,
            "http_" + status,
            (reason == null ? "The request was refused" : reason) + " (HTTP " + status + ").");
      }
    };
  }
}
