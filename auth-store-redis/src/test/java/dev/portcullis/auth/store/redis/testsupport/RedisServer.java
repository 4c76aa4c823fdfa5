package dev.portcullis.auth.store.redis.testsupport;

import dev.portcullis.auth.store.redis.RedisStoreSettings;
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
import java.util.UUID;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a free loopback
 * port, without persistence, for the tests. {@link #shared()} starts one per test JVM; {@link
 * #start()} a private one that a test may stop. Every store of a test gets its own key prefix, so
 * tests never see each other's keys.
 */
public final class RedisServer implements AutoCloseable {
  private static RedisServer shared;

  private final Process process;
  private final int port;
  private final Path dir;

  private RedisServer(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** The server shared by the tests of this JVM, started on first use. */
  public static synchronized RedisServer shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A new server; close it when done. */
  public static RedisServer start(String... extraArgs) {
    try {
      return start(freePort(), extraArgs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A new server on {@code port}; close it when done. */
  public static RedisServer start(int port, String... extraArgs) {
    try {
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
      RedisServer server = new RedisServer(p, port, dir);
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
    throw new IllegalStateException("redis-server did not listen on port " + port + " in 20s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Creates or changes ACL user {@code user} with {@code rules} as written after {@code ACL SETUSER
   * user} (through {@code redis-cli}, so the rules reach Redis in this order).
   */
  public void aclSetUser(String user, String... rules) {
    List<String> command =
        new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port), "ACL", "SETUSER", user));
    command.addAll(List.of(rules));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (p.waitFor() != 0 || !out.equals("OK")) {
        throw new IllegalStateException("ACL SETUSER " + user + " failed: " + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Settings for this server with a key prefix of its own. */
  public RedisStoreSettings settings() {
    return RedisStoreSettings.forUrl(url()).withKeyPrefix(uniquePrefix());
  }

  /** A key prefix no other test uses. */
  public static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 13) + ":";
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
