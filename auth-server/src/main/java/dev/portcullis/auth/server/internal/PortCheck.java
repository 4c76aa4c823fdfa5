package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Doctor: whether the port {@code serve} would listen on is free (0: any port, not checked). A port
 * in use is asked for its {@code /health}: when a Portcullis server answers, that is most likely
 * the person's own running server, not a problem.
 */
final class PortCheck implements Doctor.Check {
  private final ServerSettings server;

  PortCheck(ServerSettings server) {
    this.server = server;
  }

  @Override
  public List<Finding> run() {
    if (server.port() == 0) {
      return List.of();
    }
    String where = server.host() + ":" + server.port();
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(server.host(), server.port()));
      return List.of(new Finding(Level.OK, "port", where + " is free", null));
    } catch (IOException e) {
      if (answersLikePortcullis()) {
        return List.of(
            new Finding(
                Level.OK,
                "port",
                where + " is in use by a running Portcullis server (its /health answers)",
                "nothing to do if it is yours; to start another, choose another port with --port"
                    + " / AUTH_SERVER_PORT"));
      }
      return List.of(
          new Finding(
              Level.WARN,
              "port",
              where + " is in use by another program: 'serve' would fail to start",
              "stop the other program or choose another port with --port / AUTH_SERVER_PORT"));
    }
  }

  /** Whether GET /health on the port answers with Portcullis's health document, within 2 s. */
  private boolean answersLikePortcullis() {
    String host = server.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.isBlank()) {
      host = "127.0.0.1";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(URI.create("http://" + host + ":" + server.port() + "/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      String body = health.body();
      return (health.statusCode() == 200 || health.statusCode() == 503)
          && body.contains("\"status\"")
          && body.contains("\"checks\"");
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
