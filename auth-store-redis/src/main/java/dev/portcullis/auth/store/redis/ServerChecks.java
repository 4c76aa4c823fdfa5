package dev.portcullis.auth.store.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks of {@link RedisStores#serverStatus}, on a connection it opened. */
final class ServerChecks {

  private ServerChecks() {}

  static RedisServerStatus examine(RedisCommands<String, String> redis) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String version = field(redis.info("server"), "redis_version");
    if (version != null && major(version) < 7) {
      problems.add(
          "Redis "
              + version
              + " is too old: auth-store-redis needs Redis 7.0 or newer (its scripts declare"
              + " their flags with a #!lua shebang). Upgrade the server.");
    }
    String policy = EvictionCheck.policy(redis);
    if (policy == null) {
      warnings.add(
          "maxmemory-policy could not be read (CONFIG GET and INFO memory are not allowed): make"
              + " sure it is noeviction.");
    } else if (!policy.equals("noeviction")) {
      problems.add(
          "maxmemory-policy is "
              + policy
              + ": Redis may evict keys, and an evicted revocation un-revokes a token, an"
              + " evicted lock unlocks an account. Set maxmemory-policy noeviction (a full Redis"
              + " then fails closed with service_unavailable).");
    }
    String persistence = null;
    String aof = field(redis.info("persistence"), "aof_enabled");
    String save = config(redis, "save");
    if (aof != null && save != null) {
      boolean a = aof.equals("1");
      boolean r = !save.isBlank();
      persistence = a && r ? "aof+rdb" : a ? "aof" : r ? "rdb" : "none";
      if (!a && !r) {
        warnings.add(
            "persistence is off: a restart forgets revocations (revoked tokens are valid again"
                + " until they expire), lockouts and codes. Turn on appendonly yes.");
      }
    }
    return new RedisServerStatus(
        problems.isEmpty() ? RedisServerStatus.State.OK : RedisServerStatus.State.MISCONFIGURED,
        version,
        policy,
        persistence,
        problems,
        warnings);
  }

  private static String config(RedisCommands<String, String> redis, String name) {
    try {
      Map<String, String> values = redis.configGet(name);
      return values.get(name);
    } catch (RedisCommandExecutionException notAllowed) {
      return null;
    }
  }

  private static String field(String info, String name) {
    return EvictionCheck.field(info, name);
  }

  private static int major(String version) {
    try {
      return Integer.parseInt(version.split("\\.")[0]);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
