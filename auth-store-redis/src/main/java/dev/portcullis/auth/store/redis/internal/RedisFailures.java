package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a Redis failure into what callers of a store get: {@link ServiceUnavailableException}
 * naming the cause and the settings to look at, so that callers fail closed. Only the error code of
 * a server reply ({@code OOM}, {@code NOPERM}...) is quoted, never the rest of its text.
 */
public final class RedisFailures {
  private final String url;
  private final Duration commandTimeout;

  /**
   * @param url the redacted URL, for messages
   * @param commandTimeout auth.store.redis.command-timeout
   */
  public RedisFailures(String url, Duration commandTimeout) {
    this.url = url;
    this.commandTimeout = commandTimeout;
  }

  /** The exception a store throws for {@code e}. */
  public ServiceUnavailableException translate(String component, RuntimeException e) {
    return new ServiceUnavailableException(
        new AuthError.ServiceUnavailable(component, detail(e)), e);
  }

  private String detail(RuntimeException e) {
    // A refused login (WRONGPASS, NOAUTH) during the connection's handshake arrives wrapped in a
    // RedisConnectionException: name the server's reply, not "cannot connect".
    if (e instanceof RedisConnectionException) {
      // How deep the server's reply sits depends on the driver's timing (directly, or inside a
      // CompletionException of the handshake): look down the whole chain.
      for (Throwable c = e.getCause(), seen = e;
          c != null && c != seen;
          seen = c, c = c.getCause()) {
        if (c instanceof RedisCommandExecutionException refused) {
          return detail(refused);
        }
      }
    }
    if (e instanceof RedisCommandTimeoutException) {
      return "Redis at "
          + url
          + " did not answer within auth.store.redis.command-timeout="
          + human(commandTimeout)
          + ": check the server's load and latency (SLOWLOG), or raise the timeout.";
    }
    if (e instanceof RedisCommandExecutionException x) {
      String code = code(x.getMessage());
      return switch (code) {
        case "OOM" ->
            "Redis at "
                + url
                + " is out of memory (maxmemory reached) and refuses writes: raise maxmemory."
                + " Keep maxmemory-policy=noeviction: evicting would un-revoke tokens and unlock"
                + " accounts.";
        case "NOAUTH", "WRONGPASS" ->
            "Redis at "
                + url
                + " refused the login ("
                + code
                + "): check auth.store.redis.username and auth.store.redis.password.";
        case "NOPERM" ->
            "the Redis ACL user may not run a command or touch a key the stores need (NOPERM):"
                + " allow EVALSHA, SCRIPT LOAD, GET, SCAN, DEL on keys ~<key-prefix>* (see the"
                + " auth-store-redis README).";
        case "READONLY" ->
            "Redis at "
                + url
                + " is a read-only replica: point auth.store.redis.url at the primary.";
        case "LOADING" -> "Redis at " + url + " is still loading its data set: retry shortly.";
        case "BUSY" ->
            "Redis at " + url + " is busy running a long script: look for slow scripts (SLOWLOG).";
        case "CLUSTERDOWN", "TRYAGAIN", "MASTERDOWN" ->
            "the Redis cluster at " + url + " cannot serve the key now (" + code + ").";
        case "CROSSSLOT" ->
            "a script touched keys of several cluster slots (CROSSSLOT): this is a bug in"
                + " auth-store-redis, please report it.";
        default -> "unexpected Redis error (" + code + ").";
      };
    }
    if (e instanceof RedisConnectionException || isDisconnected(e)) {
      return "cannot connect to Redis at "
          + url
          + ": check that it is running and reachable, auth.store.redis.url, and for an ACL user"
          + " auth.store.redis.username and auth.store.redis.password (a refused login can close"
          + " the connection before its reply arrives). The client reconnects by itself once"
          + " Redis is back.";
    }
    return "unexpected Redis client error (" + e.getClass().getSimpleName() + ").";
  }

  private static boolean isDisconnected(RuntimeException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    return m.contains("connection")
        || m.contains("connected")
        || m.contains("closed")
        || m.contains("unable to connect");
  }

  /** The error code of a server reply: its first word, upper-case letters only. */
  private static String code(String message) {
    if (message == null || message.isBlank()) {
      return "no code";
    }
    String first = message.strip().split("\\s+", 2)[0];
    return first.matches("[A-Z]{2,20}") ? first : "ERR";
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
