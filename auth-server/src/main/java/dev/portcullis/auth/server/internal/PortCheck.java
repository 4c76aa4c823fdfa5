package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/** Doctor: whether the port {@code serve} would listen on is free (0: any port, not checked). */
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
      return List.of(
          new Finding(
              Level.INFO,
              "port",
              where + " is in use (a running server, or another program)",
              "stop the other program or choose another with --port / AUTH_SERVER_PORT"));
    }
  }
}
