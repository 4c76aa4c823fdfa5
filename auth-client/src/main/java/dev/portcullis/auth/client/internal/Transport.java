package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.ClientError;
import dev.portcullis.auth.client.ClientResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP for the OAuth endpoints, with one mapping of failures: the network, a 5xx or a 429
 * are {@link ClientError.Retriable} (with {@code Retry-After}); an RFC 6749 error body is {@link
 * ClientError.ServerRejected} for the caller to refine; anything else unreadable is {@link
 * ClientError.InvalidResponse}.
 */
public final class Transport {
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public Transport(HttpClient http, Duration timeout, Clock clock) {
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  /** A JSON response: its status and object. */
  public record JsonResponse(int status, Map<String, Object> body) {}

  /** GETs a JSON document; any status is returned, a non-JSON body of a 2xx is a failure. */
  public ClientResult<JsonResponse> getJson(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    return exchange(request, false);
  }

  /**
   * POSTs a form to an OAuth endpoint, authenticated by {@code authentication}. A 2xx answers its
   * JSON object; an RFC 6749 error answers {@link ClientError.ServerRejected}.
   */
  public ClientResult<Map<String, Object>> postForm(
      URI endpoint, Map<String, String> parameters, ClientAuthentication authentication) {
    Map<String, String> form = new LinkedHashMap<>(parameters);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("Content-Type", "application/x-www-form-urlencoded");
    authentication.apply(form, request);
    request.POST(HttpRequest.BodyPublishers.ofString(Form.encode(form)));
    return exchange(request.build(), true)
        .flatMap(
            response -> {
              if (response.status() / 100 == 2) {
                return ClientResult.success(response.body());
              }
              Optional<String> error = Json.string(response.body(), "error");
              if (error.isEmpty()) {
                return ClientResult.failure(
                    new ClientError.InvalidResponse(
                        endpoint.getPath()
                            + " answered HTTP "
                            + response.status()
                            + " without an"
                            + " RFC 6749 error"));
              }
              return ClientResult.failure(
                  new ClientError.ServerRejected(
                      safe(error.get()),
                      safe(Json.string(response.body(), "error_description").orElse("")),
                      response.status()));
            });
  }

  private ClientResult<JsonResponse> exchange(HttpRequest request, boolean errorsAreJson) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return retriable("no answer from " + request.uri().getHost() + " within " + timeout);
    } catch (IOException e) {
      return retriable(
          "the connection to "
              + request.uri().getHost()
              + " failed: "
              + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return retriable("the request was interrupted");
    }
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      return ClientResult.failure(
          new ClientError.Retriable(
              request.uri().getPath() + " answered HTTP " + status,
              retryAfter(response.headers().firstValue("Retry-After"))));
    }
    if (status / 100 == 2) {
      try {
        return ClientResult.success(new JsonResponse(status, Json.parseObject(response.body())));
      } catch (Json.NotJson e) {
        return ClientResult.failure(
            new ClientError.InvalidResponse(
                request.uri().getPath() + " answered HTTP " + status + ": " + e.getMessage()));
      }
    }
    if (errorsAreJson && status / 100 == 4) {
      // RFC 6749 §5.2 errors are JSON (usually 400 or 401); a proxy's HTML page is not, and then
      // the caller reports the status without an error code.
      try {
        return ClientResult.success(new JsonResponse(status, Json.parseObject(response.body())));
      } catch (Json.NotJson e) {
        return ClientResult.success(new JsonResponse(status, Map.of()));
      }
    }
    return ClientResult.success(new JsonResponse(status, Map.of()));
  }

  private static <T> ClientResult<T> retriable(String cause) {
    return ClientResult.failure(new ClientError.Retriable(cause, Optional.empty()));
  }

  /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), read by the clock. */
  Optional<Duration> retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().trim();
    if (value.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    }
    try {
      Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(clock.instant(), at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * An error code or description as the server sent it, cut to printable ASCII and 200 characters:
   * it ends up in messages and must not carry control characters (RFC 6749 §5.2 allows no more).
   */
  public static String safe(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 200; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
