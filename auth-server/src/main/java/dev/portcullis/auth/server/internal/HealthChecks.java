package dev.portcullis.auth.server.internal;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.jwt.JwtSettings;
import dev.portcullis.auth.jwt.KeyRing;
import dev.portcullis.auth.jwt.KeySource;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dependencies {@code GET /health} reports: the store (one primary-key lookup, so a database
 * that is down or a pool that is exhausted shows) and the signing keys. Failures are logged with
 * their cause; the answer carries only codes. Thread-safe.
 */
@Singleton
public final class HealthChecks {
  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);
  private static final String PROBE_ID = "portcullis-health-probe";

  private final UserStore users;
  private final KeySource keys;
  private final JwtSettings jwt;
  private final Clock clock;

  /**
   * One check's outcome.
   *
   * @param up whether the dependency answered
   * @param code a stable code when it did not, else null
   */
  public record Check(boolean up, String code) {}

  @Inject
  public HealthChecks(UserStore users, KeySource keys, JwtSettings jwt, Clock clock) {
    this.users = users;
    this.keys = keys;
    this.jwt = jwt;
    this.clock = clock;
  }

  /** Runs every check, in a stable order. */
  public Map<String, Check> run() {
    Map<String, Check> out = new LinkedHashMap<>();
    out.put("store", store());
    out.put("keys", keys());
    return out;
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
