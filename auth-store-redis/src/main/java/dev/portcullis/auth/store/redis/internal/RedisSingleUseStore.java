package dev.portcullis.auth.store.redis.internal;

import dev.portcullis.auth.api.store.SingleUseStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link SingleUseStore} on Redis: one string per used key ({@code su:{sha256(namespace, key)}})
 * holding its expiry, set by one Lua script that compares it with the caller's instant, so exactly
 * one of any number of concurrent marks wins. Thread-safe.
 */
public final class RedisSingleUseStore implements SingleUseStore {
  static final String COMPONENT = "redis single-use store";
  private static final String KIND = "su";
  private static final Script MARK = Script.load("single-use-mark");
  static final Script PURGE = Script.load("purge-string");

  private final Redis redis;
  private final Clock clock;

  public RedisSingleUseStore(Redis redis, Clock clock) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public boolean markUsed(String namespace, String key, Instant expiresAt) {
    Args.text(namespace, "namespace", 64);
    Args.text(key, "key", 255);
    Objects.requireNonNull(expiresAt, "expiresAt");
    Instant now = clock.instant();
    if (!expiresAt.isAfter(now)) {
      throw new IllegalArgumentException("expiresAt must be in the future");
    }
    return "1"
        .equals(
            redis
                .eval(
                    COMPONENT,
                    MARK,
                    redis.key(KIND, Redis.digest(namespace, key)),
                    Redis.micros(now),
                    Redis.micros(expiresAt))
                .get(0));
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int purged = 0;
    for (String key : redis.keys(COMPONENT, KIND)) {
      purged +=
          Integer.parseInt(redis.eval(COMPONENT, PURGE, key, Redis.microsCeil(cutoff)).get(0));
    }
    return purged;
  }
}
