package dev.portcullis.auth.server.internal;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.AuthException;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.KeySource;
import dev.portcullis.auth.store.redis.RedisStores;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependencies readiness ({@code GET /health/ready}, and its alias {@code GET /health})
 * reports: the store (one primary-key lookup, so a database that is down or a pool that is
 * exhausted shows), Redis when {@code auth.store.redis.url} is set (one lockout-status read), and
 * the signing keys. Liveness checks none of them: a database outage must take an instance out of
 * the load balancer, not get it restarted. Failures are logged with their cause; the answer carries
 * only codes. Thread-safe.
 */
@Singleton
public final class HealthChecks {
  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);
  private static final String PROBE_ID = "portcullis-health-probe";

  private final UserStore users;
  private final KeySource keys;
  private final JwtSettings jwt;
  private final Clock clock;
  private final Optional<RedisStores> redis;

  /**
   * One check's outcome.
   *
   * @param up whether the dependency answered
   * @param code a stable code when it did not, else null
   */
  public record Check(boolean up, String code) {}

  /**
   * @param redis the Redis stores when {@code auth.store.redis.url} is set (the server declares the
   *     optional binding; {@code RedisStoreModule} fills it), else empty
   */
  @Inject
  public HealthChecks(
      UserStore users, KeySource keys, JwtSettings jwt, Clock clock, Optional<RedisStores> redis) {
    this.users = users;
    this.keys = keys;
    this.jwt = jwt;
    this.clock = clock;
    this.redis = redis;
  }

  /** Runs every readiness check, in a stable order: store, redis (when used), keys. */
  public Map<String, Check> run() {
    Map<String, Check> out = new LinkedHashMap<>();
    out.put("store", store());
    redis.ifPresent(r -> out.put("redis", redis(r)));
    out.put("keys", keys());
    return out;
  }

  private static Check redis(RedisStores stores) {
    try {
      stores.loginAttempts().status(PROBE_ID);
      return new Check(true, null);
    } catch (AuthException e) {
      return down("redis is down", e.error());
    } catch (RuntimeException e) {
      log.warn("health: redis failed: {}", e.toString());
      return new Check(false, "redis_error");
    }
  }

  private Check store() {
    try {
      return Result.catching(
              () -> {
                users.findById(PROBE_ID);
                return Result.ok(new Check(true, null));
              })
          .fold(Function.identity(), e -> down("the store is down", e));
    } catch (RuntimeException e) {
      log.warn("health: the store failed: {}", e.toString());
      return new Check(false, "store_error");
    }
  }

  private Check keys() {
    return Result.catching(
            () -> {
              if (jwt.verifyOnly()) {
                return Result.ok(
                    keys.keyIds().isEmpty() ? new Check(false, "no_keys") : new Check(true, null));
              }
              boolean usable =
                  keys instanceof KeyRing ring && !ring.active().retiredAt(clock.instant());
              return Result.ok(
                  usable ? new Check(true, null) : new Check(false, "signing_key_retired"));
            })
        .fold(Function.identity(), e -> down("keys unavailable", e));
  }

  private static Check down(String what, AuthError error) {
    log.warn("health: {}: {}: {}", what, error.code(), error.message());
    return new Check(false, error.code());
  }
}
