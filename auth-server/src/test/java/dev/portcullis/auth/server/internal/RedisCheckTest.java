package dev.portcullis.auth.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import dev.portcullis.auth.store.redis.RedisServerStatus;
import dev.portcullis.auth.store.redis.RedisStoreSettings;
import dev.portcullis.auth.store.redis.testsupport.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The doctor's Redis check, on real redis-servers, through the store's own server status. */
final class RedisCheckTest {

  private static List<Finding> check(String url) {
    return new RedisCheck(
            Optional.of(RedisStoreSettings.forUrl(url).withCommandTimeout(Duration.ofMillis(500))))
        .run();
  }

  @Test
  void aRedisThatDoesNotEvict_isOk() {
    try (RedisServer redis = RedisServer.start()) {
      List<Finding> found = check(redis.url());

      assertThat(found).extracting(Finding::level).doesNotContain(Level.FAIL);
      assertThat(found.get(0).level()).isEqualTo(Level.OK);
      assertThat(found.get(0).message()).contains("maxmemory-policy noeviction");
    }
  }

  @Test
  void aRedisThatEvictsKeys_isAProblem_withTheFix() {
    try (RedisServer redis = RedisServer.start()) {
      RedisClient client = RedisClient.create(redis.url());
      try (StatefulRedisConnection<String, String> c = client.connect()) {
        c.sync().configSet("maxmemory-policy", "allkeys-lru");
      } finally {
        client.shutdown();
      }

      List<Finding> found = check(redis.url());

      assertThat(found).filteredOn(f -> f.level() == Level.FAIL).singleElement();
      Finding problem = found.stream().filter(f -> f.level() == Level.FAIL).findFirst().get();
      assertThat(problem.subject()).isEqualTo("redis (" + redis.url() + ")");
      assertThat(problem.message()).contains("allkeys-lru").contains("un-revokes a token");
      assertThat(problem.fix()).contains("CONFIG SET maxmemory-policy noeviction");
    }
  }

  @Test
  void anUnreachableRedis_isAProblem_namingTheSetting() {
    String url;
    try (RedisServer redis = RedisServer.start()) {
      url = redis.url();
    }

    List<Finding> found = check(url);

    assertThat(found).singleElement().extracting(Finding::level).isEqualTo(Level.FAIL);
    assertThat(found.get(0).fix()).contains("AUTH_STORE_REDIS_URL");
  }

  @Test
  void aRedisOlderThanSeven_isAProblem() {
    // Debian ships Redis 7, so an old server's answer is given as the store would read it.
    RedisServerStatus old =
        new RedisServerStatus(
            RedisServerStatus.State.MISCONFIGURED,
            "6.2.14",
            "noeviction",
            "aof",
            List.of("Redis 6.2.14 is too old: auth-store-redis needs Redis 7.0 or newer."),
            List.of());

    List<Finding> found =
        new RedisCheck(Optional.of(RedisStoreSettings.forUrl("redis://old:6379")), s -> old).run();

    assertThat(found).singleElement().extracting(Finding::level).isEqualTo(Level.FAIL);
    assertThat(found.get(0).message()).contains("6.2.14");
    assertThat(found.get(0).fix()).contains("Redis 7.0 or newer");
  }

  @Test
  void withoutRedis_thereIsNothingToSay() {
    assertThat(new RedisCheck(Optional.empty()).run()).isEmpty();
  }
}
