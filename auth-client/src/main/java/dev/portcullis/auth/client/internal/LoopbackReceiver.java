package dev.portcullis.auth.client.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The redirect target of a browser login (RFC 8252 §7.3): a listener on {@code 127.0.0.1} on a port
 * the system picks, answering {@code /callback} once. Closing it stops the listener.
 */
public final class LoopbackReceiver implements AutoCloseable {
  private static final String DONE_PAGE =
      "<!doctype html><meta charset=utf-8><title>Signed in</title>"
          + "<p>You can close this window and return to the application.</p>";

  private final HttpServer server;
  private final CompletableFuture<Callback> callback = new CompletableFuture<>();

  /**
   * The query of the redirect.
   *
   * @param parameters the parameters (the first value of each)
   * @param repeated whether a parameter came twice (RFC 6749 §4.1.2: then the response is refused)
   */
  public record Callback(Map<String, String> parameters, boolean repeated) {}

  private LoopbackReceiver(HttpServer server) {
    this.server = server;
  }

  /** Starts listening. */
  public static LoopbackReceiver start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      LoopbackReceiver receiver = new LoopbackReceiver(server);
      server.createContext("/callback", receiver::handle);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1 for the login callback", e);
    }
  }

  /** {@code http://127.0.0.1:PORT/callback}. */
  public URI redirectUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query = exchange.getRequestURI().getRawQuery();
      if (!"GET".equals(exchange.getRequestMethod()) || query == null || callback.isDone()) {
        exchange.sendResponseHeaders(callback.isDone() ? 410 : 400, -1);
        return;
      }
      byte[] page = DONE_PAGE.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      callback.complete(new Callback(Form.decode(query), Form.hasDuplicates(query)));
    }
  }

  /**
   * The callback, or empty when none came within {@code timeout}.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Optional<Callback> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the callback future cannot fail", e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
