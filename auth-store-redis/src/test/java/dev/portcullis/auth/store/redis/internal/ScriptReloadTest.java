package dev.portcullis.auth.store.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import dev.portcullis.auth.testkit.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Scripts run by SHA; a server that forgot them (restart, fail-over, SCRIPT FLUSH) gets them again.
 */
final class ScriptReloadTest {

  @Test
  void afterScriptFlush_theNextCallLoadsTheScriptAgain() {
    MutableClock clock = MutableClock.at(Instant.parse("2030-01-01T00:00:00Z"));
    RedisClient client = RedisClient.create(RedisServer.shared().url());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      Redis redis =
          new Redis(
              c.sync(),
              RedisServer.uniquePrefix(),
              new RedisFailures("redis://127.0.0.1", Duration.ofSeconds(5)));
      RedisSingleUseStore store = new RedisSingleUseStore(redis, clock);
      Instant later = clock.instant().plusSeconds(60);
      assertThat(store.markUsed("totp", "1", later)).isTrue();

      c.sync().scriptFlush();

      assertThat(store.markUsed("totp", "1", later)).isFalse();
      assertThat(store.markUsed("totp", "2", later)).isTrue();
    } finally {
      client.shutdown();
    }
  }
}
