package dev.portcullis.auth.client;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends requests with {@code Authorization: Bearer} from a {@link TokenManager}. On a 401 whose
 * {@code WWW-Authenticate} says {@code error="invalid_token"} it refreshes once and retries once;
 * any other answer, a 403 or {@code insufficient_scope} included, is returned as is and never
 * triggers a login. Thread-safe.
 */
public final class BearerHttp {
  private static final Pattern INVALID_TOKEN =
      Pattern.compile(
          "\\bBearer\\b.*\\berror\\s*=\\s*\"?invalid_token\\b", Pattern.CASE_INSENSITIVE);

  private final HttpClient http;
  private final TokenManager tokens;

  private BearerHttp(HttpClient http, TokenManager tokens) {
    this.http = Objects.requireNonNull(http, "http");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** Sends through {@code http} with tokens from {@code tokens}. */
  public static BearerHttp of(HttpClient http, TokenManager tokens) {
    return new BearerHttp(http, tokens);
  }

  /**
   * Sends {@code request} with a bearer token. Fails when no token can be had or the network fails
   * ({@link ClientError.Retriable}); any HTTP response is a success.
   */
  public <T> ClientResult<HttpResponse<T>> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    ClientResult<String> token = tokens.accessToken();
    if (!token.isSuccess()) {
      return ClientResult.failure(token.error());
    }
    ClientResult<HttpResponse<T>> first = sendWith(request, handler, token.value());
    if (!first.isSuccess() || !tokenRejected(first.value())) {
      return first;
    }
    ClientResult<String> renewed = tokens.refreshAfterRejection(token.value());
    if (!renewed.isSuccess()) {
      return ClientResult.failure(renewed.error());
    }
    return sendWith(request, handler, renewed.value());
  }

  /**
   * A 401 with a Bearer challenge saying {@code error="invalid_token"} (RFC 6750 §3.1): the token
   * expired or was revoked early. Any other 401 (no error code: the request had no usable token)
   * and every 403 are the resource server's final word.
   */
  static boolean tokenRejected(HttpResponse<?> response) {
    if (response.statusCode() != 401) {
      return false;
    }
    for (String challenge : response.headers().allValues("WWW-Authenticate")) {
      if (INVALID_TOKEN.matcher(challenge).find()) {
        return true;
      }
    }
    return false;
  }

  private <T> ClientResult<HttpResponse<T>> sendWith(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler, String token) {
    HttpRequest authorized = request.copy().setHeader("Authorization", "Bearer " + token).build();
    try {
      return ClientResult.success(http.send(authorized, handler));
    } catch (IOException e) {
      return ClientResult.failure(
          new ClientError.Retriable(
              "the request to "
                  + authorized.uri().getHost()
                  + " failed: "
                  + e.getClass().getSimpleName(),
              Optional.empty()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ClientResult.failure(
          new ClientError.Retriable("the request was interrupted", Optional.empty()));
    }
  }
}
