package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link DeviceGrantStore} on Redis: one hash per grant ({@code dg:{deviceCodeHash}}), changed only
 * by Lua scripts (approve, deny and poll are each one script, so exactly one concurrent approval
 * wins and exactly one poll after approval gets the grant), and a pointer from the user code
 * ({@code dgu:{userCodeHash}}) to the device code. The two keys lie in different cluster slots:
 * {@code save} claims the pointer first ({@code SET NX}) and takes it back if the grant exists
 * already; every script checks that the grant carries the user code it was reached by. Thread-safe.
 */
public final class RedisDeviceGrantStore implements DeviceGrantStore {
  static final String COMPONENT = "redis device-grant store";
  private static final String KIND = "dg";
  private static final String USER_KIND = "dgu";
  private static final Script CREATE = Script.load("hash-create");
  private static final Script DECIDE = Script.load("device-decide");
  private static final Script POLL = Script.load("device-poll");
  private static final Script PURGE = Script.load("hash-purge");
  private static final Script DELETE_IF_EQUAL = Script.load("delete-if-equal");
  private static final Script CLAIM = Script.load("claim");

  private final Redis redis;
  private final Clock clock;

  public RedisDeviceGrantStore(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void save(DeviceGrant grant) {
    Objects.requireNonNull(grant, "grant");
    String ttl = Redis.ttlMillis(clock.instant(), grant.expiresAt());
    String pointer = userKey(grant.userCodeHash());
    List<String> claimed = redis.eval(COMPONENT, CLAIM, pointer, grant.deviceCodeHash(), ttl);
    if (!"1".equals(claimed.get(0))) {
      throw new IllegalArgumentException("this device grant's user-code hash is stored already");
    }
    List<String> args = new ArrayList<>();
    args.add(ttl);
    for (Map.Entry<String, String> e : fields(grant).entrySet()) {
      args.add(e.getKey());
      args.add(e.getValue());
    }
    List<String> r =
        redis.eval(COMPONENT, CREATE, key(grant.deviceCodeHash()), args.toArray(String[]::new));
    if (!"1".equals(r.get(0))) {
      redis.eval(COMPONENT, DELETE_IF_EQUAL, pointer, grant.deviceCodeHash());
      throw new IllegalArgumentException("this device grant's device-code hash is stored already");
    }
  }

  @Override
  public Optional<DeviceGrant> findByUserCode(String userCodeHash, Instant now) {
    RedisAuthorizationCodeStore.sha256(userCodeHash);
    Objects.requireNonNull(now, "now");
    String device = redis.get(COMPONENT, userKey(userCodeHash));
    if (device == null) {
      return Optional.empty();
    }
    Map<String, String> f = redis.hgetall(COMPONENT, key(device));
    if (f.isEmpty() || !userCodeHash.equals(f.get("uc"))) {
      return Optional.empty();
    }
    DeviceGrant grant = grant(f);
    return grant.status() == DeviceGrant.Status.PENDING && now.isBefore(grant.expiresAt())
        ? Optional.of(grant)
        : Optional.empty();
  }

  @Override
  public boolean approve(
      String userCodeHash,
      String userId,
      String sessionId,
      Instant authTime,
      long credentialsVersion,
      List<String> amr,
      Instant now) {
    RedisAuthorizationCodeStore.sha256(userCodeHash);
    Args.key(userId, "userId");
    Args.key(sessionId, "sessionId");
    Objects.requireNonNull(authTime, "authTime");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
    Objects.requireNonNull(now, "now");
    List<String> methods = DeviceGrant.checkAmr(amr);
    return decide(
        userCodeHash,
        now,
        "APPROVED",
        "amr",
        String.join(" ", methods),
        "uid",
        userId,
        "sid",
        sessionId,
        "at",
        authTime.toString(),
        "cv",
        Long.toString(credentialsVersion));
  }

  @Override
  public boolean deny(String userCodeHash, Instant now) {
    RedisAuthorizationCodeStore.sha256(userCodeHash);
    Objects.requireNonNull(now, "now");
    return decide(userCodeHash, now, "DENIED");
  }

  private boolean decide(String userCodeHash, Instant now, String status, String... fields) {
    String device = redis.get(COMPONENT, userKey(userCodeHash));
    if (device == null) {
      return false;
    }
    String[] args = new String[3 + fields.length];
    args[0] = Redis.micros(now);
    args[1] = userCodeHash;
    args[2] = status;
    System.arraycopy(fields, 0, args, 3, fields.length);
    return "1".equals(redis.eval(COMPONENT, DECIDE, key(device), args).get(0));
  }

  @Override
  public DevicePoll poll(String deviceCodeHash, Instant now, Duration tolerance) {
    RedisAuthorizationCodeStore.sha256(deviceCodeHash);
    Objects.requireNonNull(now, "now");
    DeviceGrant.checkTolerance(tolerance);
    List<String> r =
        redis.eval(
            COMPONENT,
            POLL,
            key(deviceCodeHash),
            Redis.micros(now),
            micros(tolerance),
            now.toString(),
            micros(SLOW_DOWN_STEP));
    return switch (r.get(0)) {
      case "E" -> new DevicePoll.Expired();
      case "S" -> new DevicePoll.SlowDown(Duration.of(Long.parseLong(r.get(1)), ChronoUnit.MICROS));
      case "P" -> new DevicePoll.Pending(Duration.of(Long.parseLong(r.get(1)), ChronoUnit.MICROS));
      case "D" -> new DevicePoll.Denied();
      case "A" -> new DevicePoll.Approved(grant(Redis.fields(r, 1)));
      default -> new DevicePoll.Invalid();
    };
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int purged = 0;
    for (String key : redis.keys(COMPONENT, KIND)) {
      List<String> r = redis.eval(COMPONENT, PURGE, key, Redis.microsCeil(cutoff));
      if ("1".equals(r.get(0))) {
        purged++;
        String device = key.substring(key.lastIndexOf('{') + 1, key.length() - 1);
        redis.eval(COMPONENT, DELETE_IF_EQUAL, userKey(r.get(1)), device);
      }
    }
    return purged;
  }

  private String key(String deviceCodeHash) {
    return redis.key(KIND, deviceCodeHash);
  }

  private String userKey(String userCodeHash) {
    return redis.key(USER_KIND, userCodeHash);
  }

  private static Map<String, String> fields(DeviceGrant g) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    f.put("dc", g.deviceCodeHash());
    f.put("uc", g.userCodeHash());
    f.put("cid", g.clientId());
    f.put("sc", String.join(" ", g.scope()));
    f.put("ca", g.createdAt().toString());
    f.put("ea", g.expiresAt().toString());
    f.put("xu", Redis.micros(g.expiresAt()));
    f.put("iu", micros(g.interval()));
    if (g.lastPolledAt() != null) {
      f.put("last", g.lastPolledAt().toString());
      f.put("lu", Redis.micros(g.lastPolledAt()));
    }
    f.put("st", g.status().name());
    if (g.slowedDown()) {
      f.put("sd", "1");
    }
    if (g.userId() != null) {
      f.put("uid", g.userId());
      f.put("sid", g.sessionId());
      f.put("at", g.authTime().toString());
      f.put("cv", Long.toString(g.credentialsVersion()));
      f.put("amr", String.join(" ", g.amr()));
    }
    return f;
  }

  private static DeviceGrant grant(Map<String, String> f) {
    String scope = f.get("sc");
    String last = f.get("last");
    String at = f.get("at");
    String cv = f.get("cv");
    return new DeviceGrant(
        f.get("dc"),
        f.get("uc"),
        f.get("cid"),
        scope.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(scope.split(" "))),
        Instant.parse(f.get("ca")),
        Instant.parse(f.get("ea")),
        Duration.of(Long.parseLong(f.get("iu")), ChronoUnit.MICROS),
        last == null ? null : Instant.parse(last),
        DeviceGrant.Status.valueOf(f.get("st")),
        f.get("uid"),
        f.get("sid"),
        at == null ? null : Instant.parse(at),
        cv == null ? null : Long.valueOf(cv),
        amr(f.get("amr")),
        "1".equals(f.get("sd")));
  }

  private static List<String> amr(String stored) {
    return stored == null || stored.isEmpty() ? List.of() : List.of(stored.split(" "));
  }

  private static String micros(Duration d) {
    return Long.toString(d.getSeconds() * 1_000_000 + d.getNano() / 1000);
  }
}
