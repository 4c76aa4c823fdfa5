package dev.portcullis.auth.store.redis;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-up refusal of a Redis that may evict keys. Every key of the stores is needed until its
 * own TTL: an evicted revocation un-revokes a token, an evicted lock unlocks an account. So {@link
 * RedisStores#open} refuses a server (every master of a cluster) whose {@code maxmemory-policy} is
 * not {@code noeviction}. There is no opt-out: the stores set a TTL on every key, so even the
 * {@code volatile-*} policies evict them, and no policy but {@code noeviction} fails closed.
 *
 * <p>The policy is read with {@code CONFIG GET}, or from {@code INFO memory} when an ACL (or a
 * managed Redis) forbids {@code CONFIG}. A server that answers neither is let through with a
 * warning naming the risk, since refusing it would refuse every such managed Redis.
 */
final class EvictionCheck {
  static final String POLICY = "maxmemory-policy";

  private EvictionCheck() {}

  /** One node's answer: its policy, or null when it could not be read. */
  record Node(String name, String policy) {}

  /** The policy of {@code redis}: {@code CONFIG GET}, else {@code INFO memory}, else null. */
  static String policy(RedisClusterCommands<String, String> redis) {
    try {
      Map<String, String> values = redis.configGet(POLICY);
      String value = values == null ? null : values.get(POLICY);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    } catch (RedisCommandExecutionException notAllowed) {
      // NOPERM from an ACL, or CONFIG renamed away: INFO usually still answers.
    }
    try {
      String value = field(redis.info("memory"), "maxmemory_policy");
      return value == null || value.isBlank() ? null : value;
    } catch (RedisCommandExecutionException notAllowed) {
      return null;
    }
  }

  /**
   * Refuses {@code nodes} if any may evict keys.
   *
   * @return the warnings to log: one per node whose policy could not be read
   * @throws ConfigurationException naming {@code auth.store.redis.url}, each evicting node, the
   *     risk and the fix
   */
  static List<String> require(RedisStoreSettings settings, List<Node> nodes) {
    List<String> evicting = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Node node : nodes) {
      if (node.policy() == null) {
        warnings.add(unknown(node.name()));
      } else if (!node.policy().equals("noeviction")) {
        evicting.add(node.name() + " has " + POLICY + " " + node.policy());
      }
    }
    if (!evicting.isEmpty()) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  RedisStoreSettings.URL,
                  SettingsReader.environmentVariable(RedisStoreSettings.URL),
                  "names a Redis that may evict keys when its memory is full ("
                      + String.join("; ", evicting)
                      + "): an evicted revocation un-revokes a token before it expires, an"
                      + " evicted lock unlocks an account, so the Redis stores refuse to start.",
                  "run 'redis-cli CONFIG SET maxmemory-policy noeviction' on it (on every master"
                      + " of a cluster) and write 'maxmemory-policy noeviction' in its redis.conf"
                      + " (a managed Redis: its parameter group or settings page), so that a"
                      + " restart keeps it. A full Redis then refuses writes and the stores fail"
                      + " closed with service_unavailable.")));
    }
    return warnings;
  }

  /** The warning for a node whose policy could not be read. */
  static String unknown(String name) {
    return "RISK: the maxmemory-policy of Redis "
        + name
        + " could not be read (both CONFIG GET and INFO are refused). If it is not noeviction,"
        + " Redis evicts keys when its memory is full: an evicted revocation un-revokes a token,"
        + " an evicted lock unlocks an account. Make sure it is noeviction (redis.conf, or the"
        + " managed Redis's settings), or allow the ACL user +info so that start-up can check it.";
  }

  /** The value of {@code name} in an INFO reply, or null. */
  static String field(String info, String name) {
    if (info == null) {
      return null;
    }
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }
}
