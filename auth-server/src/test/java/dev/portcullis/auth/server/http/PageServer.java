package dev.portcullis.auth.server.http;

import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A server whose issuer is its own loopback URL (the pages' origin check compares the two), with
 * the flows faked ({@link PageFakes}).
 */
final class PageServer {
  final String issuer;
  private final int port;
  final PageFakes fakes;
  final PortcullisServer server;

  PageServer(Path dataDir) {
    this(dataDir, null);
  }

  /** With {@code issuer} (null: http on this server's loopback port) as the issuer's URL. */
  PageServer(Path dataDir, String issuer) {
    this.port = freePort();
    this.issuer = issuer != null ? issuer : "http://127.0.0.1:" + port;
    this.fakes = new PageFakes(this.issuer);
    this.server =
        PortcullisServer.builder()
            .config(
                TestConfigs.config(
                    String.join(
                        "\n",
                        "auth.server.store = memory",
                        "auth.server.port = " + port,
                        "auth.token.issuer = \"" + this.issuer + "\"")))
            .dataDir(dataDir)
            .oauth(PageFakes.settings())
            .overrides(fakes.module())
            .build()
            .start();
  }

  /** The loopback port the server listens on. */
  int port() {
    return port;
  }

  void stop() {
    server.stop();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
