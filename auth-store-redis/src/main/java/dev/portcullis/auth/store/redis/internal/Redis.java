package dev.portcullis.auth.store.redis.internal;

import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stores' view of one Redis connection (a single server or a cluster): scripts by {@code
 * EVALSHA} with a reload on {@code NOSCRIPT}, plain reads, key names, and the translation of every
 * failure into {@code ServiceUnavailableException}. Thread-safe: Lettuce connections are.
 *
 * <p>Key names are {@code <prefix><kind>:{<id>}}: the braces make {@code <id>} the hash tag, so the
 * keys of one entity share a cluster slot. Instants travel as microseconds since the epoch, which
 * Lua's doubles hold exactly.
 */
public final class Redis {
  private final RedisClusterCommands<String, String> commands;
  private final String prefix;
  private final RedisFailures failures;

  public Redis(
      RedisClusterCommands<String, String> commands, String prefix, RedisFailures failures) {
    this.commands = Objects.requireNonNull(commands, "commands");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.failures = Objects.requireNonNull(failures, "failures");
  }

  /** The key of entity {@code id} of {@code kind}; {@code id} is the hash tag. */
  String key(String kind, String id) {
    return prefix + kind + ":{" + id + "}";
  }

  /**
   * Runs {@code script} on {@code keys} (all of one hash tag) with {@code args}.
   *
   * @return the script's reply, a list whose elements are strings (integers as their decimal text)
   *     or null
   */
  List<String> eval(String component, Script script, String[] keys, String... args) {
    try {
      List<Object> reply;
      try {
        reply = commands.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
      } catch (RedisNoScriptException notLoaded) {
        commands.scriptLoad(script.source());
        reply = commands.evalsha(script.sha(), ScriptOutputType.MULTI, keys, args);
      }
      List<String> out = new ArrayList<>(reply.size());
      for (Object o : reply) {
        out.add(o == null ? null : o.toString());
      }
      return out;
    } catch (RedisException e) {
      throw failures.translate(component, e);
    }
  }

  /** {@link #eval(String, Script, String[], String...)} on one key. */
  List<String> eval(String component, Script script, String key, String... args) {
    return eval(component, script, new String[] {key}, args);
  }

  /** The string at {@code key}, or null. */
  String get(String component, String key) {
    try {
      return commands.get(key);
    } catch (RedisException e) {
      throw failures.translate(component, e);
    }
  }

  /** The fields of the hash at {@code key}; empty if there is none. */
  Map<String, String> hgetall(String component, String key) {
    try {
      return commands.hgetall(key);
    } catch (RedisException e) {
      throw failures.translate(component, e);
    }
  }

  /** Every key of {@code kind} under this prefix (on every node of a cluster). */
  List<String> keys(String component, String kind) {
    try {
      List<String> keys = new ArrayList<>();
      ScanArgs args = ScanArgs.Builder.matches(prefix + kind + ":{*").limit(1000);
      ScanIterator.scan(commands, args).forEachRemaining(keys::add);
      return keys;
    } catch (RedisException e) {
      throw failures.translate(component, e);
    }
  }

  /** Lower-case hex SHA-256 of {@code parts} joined by NUL: ids that fit any key. */
  static String digest(String... parts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < parts.length; i++) {
        if (i > 0) {
          sha.update((byte) 0);
        }
        sha.update(parts[i].getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** {@code t} in microseconds since the epoch, as scripts take it. */
  static String micros(Instant t) {
    return Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, t));
  }

  /** {@code t} in microseconds since the epoch, rounded up: for cutoffs ("expired before"). */
  static String microsCeil(Instant t) {
    long floor = ChronoUnit.MICROS.between(Instant.EPOCH, t);
    return Long.toString(t.getNano() % 1000 == 0 ? floor : floor + 1);
  }

  /** Milliseconds from {@code now} to {@code until}, at least 1: a key's housekeeping TTL. */
  static String ttlMillis(Instant now, Instant until) {
    return Long.toString(Math.max(1, Duration.between(now, until).toMillis() + 1));
  }

  /** The field, value pairs of {@code reply} from index {@code from} on, as a map. */
  static Map<String, String> fields(List<String> reply, int from) {
    Map<String, String> map = new HashMap<>();
    for (int i = from; i + 1 < reply.size(); i += 2) {
      map.put(reply.get(i), reply.get(i + 1));
    }
    return map;
  }

  /** Microseconds since the epoch, as scripts return them, as an instant; null for null or "". */
  static Instant instant(String micros) {
    if (micros == null || micros.isEmpty()) {
      return null;
    }
    return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
  }
}
