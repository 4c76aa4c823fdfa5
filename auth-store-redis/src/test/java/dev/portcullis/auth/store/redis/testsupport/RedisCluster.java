package dev.portcullis.auth.store.redis.testsupport;

import dev.portcullis.auth.store.redis.RedisStoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Redis Cluster of three masters (no replicas) on loopback ports, made with {@code redis-cli
 * --cluster create}; {@link #shared()} starts one per test JVM. Cluster nodes also listen on their
 * port + 10000 (the cluster bus), so ports are chosen below 55536 with both free.
 */
public final class RedisCluster implements AutoCloseable {
  private static RedisCluster shared;

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  /** The cluster shared by the tests of this JVM, started on first use. */
  public static synchronized RedisCluster shared() {
    if (shared == null) {
      shared = start();
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  private static RedisCluster start() {
    List<RedisServer> nodes = new ArrayList<>();
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    for (int i = 0; i < 3; i++) {
      int port = freeClusterPort();
      nodes.add(
          RedisServer.start(
              port,
              "--cluster-enabled",
              "yes",
              "--cluster-config-file",
              "nodes-" + port + ".conf",
              "--cluster-node-timeout",
              "5000"));
      create.add("127.0.0.1:" + port);
    }
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    RedisCluster cluster = new RedisCluster(nodes);
    run(create);
    cluster.awaitOk();
    return cluster;
  }

  private void awaitOk() {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      boolean ok = true;
      for (RedisServer node : nodes) {
        String info =
            run(List.of("redis-cli", "-p", Integer.toString(node.port()), "cluster", "info"));
        ok &= info.contains("cluster_state:ok");
      }
      if (ok) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("the test cluster did not reach cluster_state:ok in 30s");
  }

  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freeClusterPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (free(port) && free(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair for a cluster node");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The URL of the first node: Lettuce discovers the others. */
  public String url() {
    return "redis://127.0.0.1:" + nodes.get(0).port();
  }

  /** The ports of the three masters. */
  public List<Integer> ports() {
    return nodes.stream().map(RedisServer::port).toList();
  }

  /** Cluster settings with a key prefix of their own. */
  public RedisStoreSettings settings() {
    return RedisStoreSettings.forUrl(url())
        .withCluster(true)
        .withKeyPrefix(RedisServer.uniquePrefix());
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }
}
