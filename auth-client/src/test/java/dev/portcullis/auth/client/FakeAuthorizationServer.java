package dev.portcullis.auth.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fault-injecting authorization server on {@code 127.0.0.1:0} (the JDK's HttpServer): metadata at
 * both well-known locations, and token, device and resource endpoints whose answers each test
 * scripts, including a dropped connection. Every request is recorded.
 */
final class FakeAuthorizationServer implements AutoCloseable {

  /** What the client sent. */
  record Request(String method, String path, Map<String, String> form, Headers headers) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** What to answer: a status, a JSON body and headers, or a dropped connection. */
  record Reply(int status, String body, Map<String, String> headers, boolean drop) {
    Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, body, more, drop);
    }
  }

  /** Scripts an endpoint. */
  @FunctionalInterface
  interface Handler {
    Reply handle(Request request) throws Exception;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final URI issuer;
  private final List<Request> requests = new ArrayList<>();

  volatile String metadataIssuer;
  volatile boolean oauthMetadata = true;
  volatile String extraMetadata = "";
  volatile Handler token = r -> error(400, "unsupported_grant_type");
  volatile Handler device = r -> error(400, "unauthorized_client");
  volatile Handler resource = r -> json(200, "{}");

  private FakeAuthorizationServer(HttpServer server) {
    this.server = server;
    this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    this.metadataIssuer = issuer.toString();
  }

  static FakeAuthorizationServer start() {
    try {
      HttpServer http =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      FakeAuthorizationServer fake = new FakeAuthorizationServer(http);
      http.setExecutor(fake.executor);
      http.createContext("/", fake::serve);
      http.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  URI issuer() {
    return issuer;
  }

  URI uri(String path) {
    return URI.create(issuer + path);
  }

  /** The requests to {@code path}, in order. */
  List<Request> requests(String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.path().equals(path)).toList();
    }
  }

  static Reply json(int status, String body) {
    return new Reply(status, body, Map.of("Content-Type", "application/json"), false);
  }

  static Reply error(int status, String error) {
    return json(status, "{\"error\":\"" + error + "\"}");
  }

  static Reply tokens(String accessToken, String refreshToken, long expiresIn) {
    return json(
        200,
        "{\"access_token\":\""
            + accessToken
            + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + expiresIn
            + (refreshToken == null ? "" : ",\"refresh_token\":\"" + refreshToken + "\"")
            + "}");
  }

  static Reply drop() {
    return new Reply(0, "", Map.of(), true);
  }

  private String metadata() {
    return "{\"issuer\":\""
        + metadataIssuer
        + "\",\"token_endpoint\":\""
        + issuer
        + "/token\",\"device_authorization_endpoint\":\""
        + issuer
        + "/device\",\"authorization_endpoint\":\""
        + issuer
        + "/authorize\",\"grant_types_supported\":[\"client_credentials\",\"refresh_token\"]"
        + extraMetadata
        + "}";
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Request request =
          new Request(
              exchange.getRequestMethod(), path, decode(body), exchange.getRequestHeaders());
      synchronized (requests) {
        requests.add(request);
      }
      Reply reply;
      try {
        reply =
            switch (path) {
              case "/.well-known/oauth-authorization-server" ->
                  oauthMetadata ? json(200, metadata()) : json(404, "{}");
              case "/.well-known/openid-configuration" -> json(200, metadata());
              case "/token" -> token.handle(request);
              case "/device" -> device.handle(request);
              default -> resource.handle(request);
            };
      } catch (Exception e) {
        reply = json(500, "{\"error\":\"server_error\"}");
      }
      if (reply.drop()) {
        // Closing the socket before any response: the client sees the connection end mid-request.
        throw new IOException("dropping the connection on purpose");
      }
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
      byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private static Map<String, String> decode(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
