package dev.portcullis.auth.server.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free loopback
 * port, without persistence and with {@code noeviction}, for one test class; close it when done.
 * (auth-store-redis's tests have their own: test classes are not shared between modules.)
 */
public final class RedisProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path dir;

  private RedisProcess(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts one with {@code extraArgs} after the defaults. */
  public static RedisProcess start(String... extraArgs) {
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("portcullis-redis");
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              binary(),
              "--port",
              Integer.toString(port),
              "--bind",
              "127.0.0.1",
              "--save",
              "",
              "--appendonly",
              "no",
              "--dir",
              dir.toString(),
              "--maxmemory-policy",
              "noeviction"));
      command.addAll(List.of(extraArgs));
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      RedisProcess server = new RedisProcess(p, port, dir);
      server.awaitListening();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String binary() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "redis-server is not installed: apt-get install -y redis-server (.ci/run does it)");
  }

  private void awaitListening() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("redis-server exited: see " + dir.resolve("redis.log"));
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.onSpinWait();
      }
    }
    close();
    throw new IllegalStateException("redis-server did not listen on port " + port + " in 20s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Stops the server (abruptly, as a crash would) and waits for it to be gone. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
