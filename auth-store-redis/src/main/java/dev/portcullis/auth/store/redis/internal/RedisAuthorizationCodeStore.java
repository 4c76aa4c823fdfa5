package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.model.AuthorizationCode;
import dev.portcullis.auth.api.model.CodeRedemption;
import dev.portcullis.auth.api.store.AuthorizationCodeStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link AuthorizationCodeStore} on Redis: one hash per code ({@code ac:{codeHash}}), created only
 * if absent and flipped to used by one Lua script, so of concurrent redemptions on any number of
 * instances exactly one redeems. Instants are kept exactly (ISO-8601) and, for the script's
 * comparisons, in microseconds. Thread-safe.
 */
public final class RedisAuthorizationCodeStore implements AuthorizationCodeStore {
  static final String COMPONENT = "redis authorization-code store";
  private static final String KIND = "ac";
  private static final Script CREATE = Script.load("hash-create");
  private static final Script CONSUME = Script.load("code-consume");
  private static final Script PURGE = Script.load("hash-purge");
  private static final Script ATTACH = Script.load("code-attach-session");

  private final Redis redis;
  private final Clock clock;

  public RedisAuthorizationCodeStore(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void save(AuthorizationCode code) {
    Objects.requireNonNull(code, "code");
    List<String> args = new ArrayList<>();
    args.add(Redis.ttlMillis(clock.instant(), code.expiresAt()));
    add(args, "cid", code.clientId());
    add(args, "ru", code.redirectUri());
    add(args, "cc", code.codeChallenge());
    add(args, "sc", String.join(" ", code.scope()));
    if (code.nonce() != null) {
      add(args, "no", code.nonce());
    }
    add(args, "uid", code.userId());
    add(args, "sid", code.sessionId());
    add(args, "at", code.authTime().toString());
    add(args, "cv", Long.toString(code.credentialsVersion()));
    add(args, "ca", code.createdAt().toString());
    add(args, "ea", code.expiresAt().toString());
    add(args, "amr", String.join(" ", code.amr()));
    add(args, "xu", Redis.micros(code.expiresAt()));
    add(args, "used", "0");
    List<String> r =
        redis.eval(COMPONENT, CREATE, key(code.codeHash()), args.toArray(String[]::new));
    if (!"1".equals(r.get(0))) {
      throw new IllegalArgumentException("this authorization-code hash is stored already");
    }
  }

  @Override
  public CodeRedemption consume(String codeHash, Instant now) {
    sha256(codeHash);
    Objects.requireNonNull(now, "now");
    List<String> r = redis.eval(COMPONENT, CONSUME, key(codeHash), Redis.micros(now));
    return switch (r.get(0)) {
      case "D" -> new CodeRedemption.Redeemed(code(codeHash, Redis.fields(r, 1)));
      case "R" -> new CodeRedemption.Replayed(code(codeHash, Redis.fields(r, 1)));
      default -> new CodeRedemption.Invalid();
    };
  }

  @Override
  public boolean attachSession(String codeHash, String sessionId, Instant now) {
    sha256(codeHash);
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(sessionId, "sessionId");
    if (sessionId.isBlank() || sessionId.length() > 255) {
      throw new IllegalArgumentException("sessionId must be 1 to 255 characters, not blank");
    }
    List<String> r = redis.eval(COMPONENT, ATTACH, key(codeHash), Redis.micros(now), sessionId);
    return "1".equals(r.get(0));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int purged = 0;
    for (String key : redis.keys(COMPONENT, KIND)) {
      if ("1".equals(redis.eval(COMPONENT, PURGE, key, Redis.microsCeil(cutoff)).get(0))) {
        purged++;
      }
    }
    return purged;
  }

  private String key(String codeHash) {
    return redis.key(KIND, codeHash);
  }

  private static AuthorizationCode code(String codeHash, Map<String, String> f) {
    String scope = f.get("sc");
    return new AuthorizationCode(
        codeHash,
        f.get("cid"),
        f.get("ru"),
        f.get("cc"),
        scope.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(scope.split(" "))),
        f.get("no"),
        f.get("uid"),
        "-replayed".equals(f.get("sid")) ? AuthorizationCode.SESSION_AT_REDEMPTION : f.get("sid"),
        Instant.parse(f.get("at")),
        Long.parseLong(f.get("cv")),
        Instant.parse(f.get("ca")),
        Instant.parse(f.get("ea")),
        // A code saved by an instance before the amr field came from a password login.
        f.get("amr") == null ? AuthorizationCode.PASSWORD_AMR : List.of(f.get("amr").split(" ")));
  }

  private static void add(List<String> args, String field, String value) {
    args.add(field);
    args.add(value);
  }

  static String sha256(String hash) {
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("the hash must be 64 lower-case hex digits (SHA-256)");
    }
    return hash;
  }
}
