package dev.portcullis.auth.store.redis.internal;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh key prefix on a test Redis whose time follows a test clock, so the contract suites'
 * "entries vanish" tests run against real keys and their real TTLs.
 *
 * <p>Redis expires keys on its own wall clock, while the adapters compute every TTL from the
 * injected clock ({@code PEXPIRE end - now}). Before each command an adapter sends, and before
 * {@link #storedKeys()} counts, every key under the prefix is aged by the time the test clock moved
 * since the last catch-up: its TTL shortened by that much, or the key deleted when the TTL runs
 * out, which is what Redis itself does when that much wall time passes. Keys without a TTL are left
 * alone (so they never vanish), and a clock set back changes nothing (Redis cannot give time back).
 *
 * <p>Redis's time trails the clock by {@link #LAG}: keys live up to that much longer than their
 * end, well within the suites' two-second sweep grace, so wall time that passes while a test runs
 * (which ages the keys too) never drops a key a "just before expiry" test still needs. A TTL set
 * more than {@code LAG} too short or too long still fails the suites.
 */
final class ClockedRedis {
  private final RedisClusterCommands<String, String> commands;
  private final String prefix;
  private final Clock clock;
  private final Redis redis;
  static final Duration LAG = Duration.ofMillis(500);
  private Instant redisTime;

  @SuppressWarnings("unchecked")
  ClockedRedis(
      RedisClusterCommands<String, String> commands,
      String prefix,
      Clock clock,
      RedisFailures failures) {
    this.commands = commands;
    this.prefix = prefix;
    this.clock = clock;
    this.redisTime = clock.instant();
    RedisClusterCommands<String, String> aging =
        (RedisClusterCommands<String, String>)
            Proxy.newProxyInstance(
                RedisClusterCommands.class.getClassLoader(),
                new Class<?>[] {RedisClusterCommands.class},
                (proxy, method, args) -> {
                  catchUp();
                  try {
                    return method.invoke(commands, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    this.redis = new Redis(aging, prefix, failures);
  }

  /** The adapters' view: every command first brings the keys up to the clock. */
  Redis redis() {
    return redis;
  }

  /** How many keys the prefix holds at the clock's now. */
  long storedKeys() {
    catchUp();
    return keys().size();
  }

  /** Ages every key under the prefix up to the clock's now, less {@link #LAG}. */
  synchronized void catchUp() {
    long elapsed = Duration.between(redisTime, clock.instant().minus(LAG)).toMillis();
    if (elapsed <= 0) {
      return;
    }
    redisTime = redisTime.plusMillis(elapsed);
    for (String key : keys()) {
      long ttl = commands.pttl(key);
      if (ttl < 0) {
        continue; // -2: gone meanwhile; -1: no TTL, never expires
      }
      if (ttl <= elapsed) {
        commands.del(key);
      } else {
        commands.pexpire(key, ttl - elapsed);
      }
    }
  }

  private List<String> keys() {
    List<String> keys = new ArrayList<>();
    ScanIterator.scan(commands, ScanArgs.Builder.matches(prefix + "*").limit(1000))
        .forEachRemaining(keys::add);
    return keys;
  }
}
