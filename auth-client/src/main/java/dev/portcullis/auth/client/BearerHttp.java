package dev.portcullis.auth.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;

/**
 * Sends requests with {@code Authorization: Bearer} from a {@link TokenManager}. On a 401 whose
 * {@code WWW-Authenticate} says {@code error="invalid_token"} it refreshes once and retries once;
 * any other answer, a 403 or {@code insufficient_scope} included, is returned as is and never
 * triggers a login. Thread-safe.
 */
public final class BearerHttp {
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
    throw new UnsupportedOperationException("skeleton");
  }
}
