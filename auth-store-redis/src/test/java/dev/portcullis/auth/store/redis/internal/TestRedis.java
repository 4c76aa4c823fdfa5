package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.store.redis.testsupport.RedisCluster;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.time.Clock;
import java.time.Duration;

/**
 * One Lettuce connection to the shared test server, and a {@link Redis} with a fresh key prefix for
 * each adapter a contract suite creates (a new, empty store each time).
 */
final class TestRedis {
  private static StatefulRedisConnection<String, String> connection;
  private static StatefulRedisClusterConnection<String, String> cluster;

  private TestRedis() {}

  static synchronized Redis fresh() {
    if (connection == null) {
      RedisServer server = RedisServer.shared();
      RedisClient client = RedisClient.create(server.url());
      connection = client.connect();
    }
    return new Redis(
        connection.sync(),
        RedisServer.uniquePrefix(),
        new RedisFailures("redis://127.0.0.1", Duration.ofSeconds(10)));
  }

  /** A fresh prefix on the shared test server whose keys age with {@code clock}. */
  static ClockedRedis fresh(Clock clock) {
    fresh();
    return new ClockedRedis(connection.sync(), RedisServer.uniquePrefix(), clock, failures());
  }

  /** A fresh prefix on the shared test cluster whose keys age with {@code clock}. */
  static ClockedRedis freshOnCluster(Clock clock) {
    freshOnCluster();
    return new ClockedRedis(cluster.sync(), RedisServer.uniquePrefix(), clock, failures());
  }

  private static RedisFailures failures() {
    return new RedisFailures("redis://127.0.0.1", Duration.ofSeconds(10));
  }

  /** The same on the shared three-node test cluster. */
  static synchronized Redis freshOnCluster() {
    if (cluster == null) {
      cluster = RedisClusterClient.create(RedisCluster.shared().url()).connect();
    }
    return new Redis(
        cluster.sync(),
        RedisServer.uniquePrefix(),
        new RedisFailures("redis://127.0.0.1", Duration.ofSeconds(10)));
  }
}
