package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import dev.portcullis.auth.store.redis.RedisServerStatus;
import dev.portcullis.auth.store.redis.RedisStoreSettings;
import dev.portcullis.auth.store.redis.RedisStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Doctor: the Redis of {@code auth.store.redis.url}, through the store's own {@link
 * RedisStores#serverStatus}: reachable, Redis 7 or newer, {@code maxmemory-policy noeviction} (an
 * evicted revocation un-revokes a token, an evicted lock unlocks an account), persistence. Changes
 * nothing; says nothing when Redis is not used.
 */
final class RedisCheck implements Doctor.Check {
  private final Optional<RedisStoreSettings> redis;
  private final Function<RedisStoreSettings, RedisServerStatus> probe;

  /**
   * @param redis the Redis store's settings, or empty when {@code auth.store.redis.url} is unset
   */
  RedisCheck(Optional<RedisStoreSettings> redis) {
    this(redis, RedisStores::serverStatus);
  }

  /** With {@code probe} in place of {@link RedisStores#serverStatus} (tests). */
  RedisCheck(
      Optional<RedisStoreSettings> redis, Function<RedisStoreSettings, RedisServerStatus> probe) {
    this.redis = redis;
    this.probe = probe;
  }

  @Override
  public List<Finding> run() {
    if (redis.isEmpty()) {
      return List.of();
    }
    RedisStoreSettings settings = redis.get();
    RedisServerStatus status = probe.apply(settings);
    String where = "redis (" + settings.redactedUrl() + ")";
    List<Finding> out = new ArrayList<>();
    switch (status.state()) {
      case OK ->
          out.add(
              new Finding(
                  Level.OK,
                  "redis",
                  "reachable ("
                      + settings.redactedUrl()
                      + "), Redis "
                      + status.version()
                      + ", maxmemory-policy "
                      + (status.maxmemoryPolicy() == null ? "unknown" : status.maxmemoryPolicy())
                      + ", persistence "
                      + (status.persistence() == null ? "unknown" : status.persistence()),
                  null));
      case MISCONFIGURED -> {
        for (String problem : status.problems()) {
          out.add(new Finding(Level.FAIL, where, problem, fixOf(problem)));
        }
      }
      case UNREACHABLE -> {
        for (String problem : status.problems()) {
          out.add(
              new Finding(
                  Level.FAIL,
                  where,
                  problem,
                  "check that Redis runs and accepts this user, then auth.store.redis.url"
                      + " (env AUTH_STORE_REDIS_URL), username and password"));
        }
      }
    }
    for (String warning : status.warnings()) {
      out.add(new Finding(Level.WARN, where, warning, null));
    }
    return out;
  }

  private static String fixOf(String problem) {
    if (problem.startsWith("maxmemory-policy")) {
      return "redis-cli CONFIG SET maxmemory-policy noeviction, and maxmemory-policy noeviction in"
          + " redis.conf (a managed Redis: its parameter group or settings page)";
    }
    if (problem.startsWith("Redis ")) {
      return "upgrade the server to Redis 7.0 or newer";
    }
    return null;
  }
}
