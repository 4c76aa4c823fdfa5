package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.MfaChallenge;
import dev.portcullis.auth.api.store.MfaChallengeStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pending MFA challenges keyed by token hash; failures and completion are single atomic map
 * operations. Expired challenges are dropped by {@link #purge} and whenever a new one is created.
 * Bounded: when it holds its maximum of live challenges, a new one is refused with {@code
 * service_unavailable} (the login fails closed; dropping a live challenge would end someone's
 * login). The check precedes the insertion without a lock, so concurrent callers may overshoot the
 * bound by at most their number. Thread-safe.
 */
public final class MemoryMfaChallengeStore implements MfaChallengeStore {
  private final ConcurrentHashMap<String, MfaChallenge> byHash = new ConcurrentHashMap<>();
  private final Capacity capacity;

  /** A store of at most {@code max} live challenges, naming {@code settingKey} when full. */
  public MemoryMfaChallengeStore(long max, String settingKey) {
    this.capacity = new Capacity(max, "memory MFA challenge store", settingKey);
  }

  @Override
  public void create(MfaChallenge challenge) {
    Objects.requireNonNull(challenge, "challenge");
    purge(challenge.authenticatedAt());
    if (byHash.size() >= capacity.max()) {
      throw capacity.full();
    }
    if (byHash.putIfAbsent(challenge.tokenHash(), challenge) != null) {
      throw new IllegalArgumentException("a challenge with this token hash exists");
    }
  }

  @Override
  public Optional<MfaChallenge> find(String tokenHash, Instant now) {
    Objects.requireNonNull(now, "now");
    return Optional.ofNullable(byHash.get(Args.key(tokenHash, "tokenHash")))
        .filter(c -> now.isBefore(c.expiresAt()));
  }

  @Override
  public int recordFailure(String tokenHash, int maxFailures, Instant now) {
    Objects.requireNonNull(now, "now");
    if (maxFailures < 1) {
      throw new IllegalArgumentException("maxFailures must be at least 1");
    }
    int[] counted = {-1};
    byHash.computeIfPresent(
        Args.key(tokenHash, "tokenHash"),
        (h, c) -> {
          if (!now.isBefore(c.expiresAt())) {
            return null;
          }
          counted[0] = c.failures() + 1;
          return counted[0] >= maxFailures
              ? null
              : new MfaChallenge(
                  c.tokenHash(),
                  c.userId(),
                  c.credentialsVersion(),
                  c.authenticatedAt(),
                  c.clientAddress(),
                  c.userAgent(),
                  c.expiresAt(),
                  counted[0]);
        });
    return counted[0];
  }

  @Override
  public boolean complete(String tokenHash, Instant now) {
    Objects.requireNonNull(now, "now");
    MfaChallenge c = byHash.get(Args.key(tokenHash, "tokenHash"));
    return c != null && now.isBefore(c.expiresAt()) && byHash.remove(tokenHash, c);
  }

  @Override
  public int deleteAll(String userId) {
    Args.key(userId, "userId");
    int[] n = {0};
    byHash.values().removeIf(c -> c.userId().equals(userId) && ++n[0] > 0);
    return n[0];
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int[] n = {0};
    byHash.values().removeIf(c -> c.expiresAt().isBefore(cutoff) && ++n[0] > 0);
    return n[0];
  }
}
