package dev.portcullis.auth.store.redis;

import java.util.List;
import java.util.Objects;

/**
 * What a Redis server says about the settings the stores depend on, read without changing anything
 * ({@link RedisStores#serverStatus}), for health tools such as the server's {@code doctor}.
 *
 * @param state whether it is fit for the stores
 * @param version {@code redis_version}, or null if unreachable
 * @param maxmemoryPolicy {@code maxmemory-policy}, or null if it could not be read
 * @param persistence {@code aof}, {@code rdb}, {@code aof+rdb} or {@code none}, or null if unknown
 * @param problems what must be fixed, each with its fix
 * @param warnings what to look at
 */
public record RedisServerStatus(
    State state,
    String version,
    String maxmemoryPolicy,
    String persistence,
    List<String> problems,
    List<String> warnings) {

  /** Whether the server is fit for the stores. */
  public enum State {
    /** Reachable, Redis 7 or newer, and not evicting keys. */
    OK,
    /** Reachable, but a problem must be fixed first. */
    MISCONFIGURED,
    /** Not reachable, or the login was refused. */
    UNREACHABLE
  }

  public RedisServerStatus {
    Objects.requireNonNull(state, "state");
    problems = List.copyOf(problems);
    warnings = List.copyOf(warnings);
  }
}
