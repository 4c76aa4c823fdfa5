package dev.portcullis.auth.store.memory.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.portcullis.auth.api.model.DeviceGrant;
import dev.portcullis.auth.api.model.DevicePoll;
import dev.portcullis.auth.api.store.DeviceGrantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device grants in a Caffeine cache keyed by device-code hash, each living until {@link #GRACE}
 * after its expiry (so a late poll is told {@code expired_token}, not {@code invalid_grant}), plus
 * an index from user-code hash to device-code hash. Every change of a grant is one atomic {@code
 * compute} on its entry, so of concurrent approvals or polls exactly one wins. The index is written
 * before the grant on save and cleared after it on removal; a lookup through the index checks that
 * the grant it finds carries that user-code hash, so a stale index entry is never followed. At
 * {@code maxGrants} a new grant is refused with {@link
 * dev.portcullis.auth.api.error.ServiceUnavailableException} (see {@link Capacity}). Thread-safe.
 */
public final class MemoryDeviceGrantStore implements DeviceGrantStore {

  /** How long a grant is kept after it expired, unless purged earlier. */
  public static final Duration GRACE = Duration.ofMinutes(10);

  private final Capacity capacity;
  private final Cache<String, DeviceGrant> grants;
  private final Map<String, String> byUserCode = new ConcurrentHashMap<>();

  public MemoryDeviceGrantStore(Clock clock, long maxGrants, String settingKey) {
    this.capacity = new Capacity(maxGrants, "memory device-grant store", settingKey);
    ClockTicker ticker = new ClockTicker(clock);
    this.grants =
        Caffeine.newBuilder()
            .ticker(ticker)
            .executor(Runnable::run)
            .expireAfter(
                new InstantExpiry<String, DeviceGrant>(ticker, g -> g.expiresAt().plus(GRACE)))
            .removalListener(
                (String key, DeviceGrant grant, RemovalCause cause) -> {
                  if (grant != null && cause != RemovalCause.REPLACED) {
                    byUserCode.remove(grant.userCodeHash(), key);
                  }
                })
            .build();
  }

  @Override
  public void save(DeviceGrant grant) {
    Objects.requireNonNull(grant, "grant");
    capacity.admit(grants, grant.deviceCodeHash());
    String device = grant.deviceCodeHash();
    String user = grant.userCodeHash();
    boolean[] indexed = {false};
    byUserCode.compute(
        user,
        (hash, existing) -> {
          if (existing != null && grants.getIfPresent(existing) != null) {
            return existing;
          }
          indexed[0] = true;
          return device;
        });
    if (!indexed[0]) {
      throw new IllegalArgumentException("this device grant's user-code hash is stored already");
    }
    if (grants.asMap().putIfAbsent(device, grant) != null) {
      byUserCode.remove(user, device);
      throw new IllegalArgumentException("this device grant's device-code hash is stored already");
    }
  }

  @Override
  public Optional<DeviceGrant> findByUserCode(String userCodeHash, Instant now) {
    sha256(userCodeHash, "userCodeHash");
    Objects.requireNonNull(now, "now");
    return byUser(userCodeHash)
        .filter(g -> g.status() == DeviceGrant.Status.PENDING && now.isBefore(g.expiresAt()));
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
    sha256(userCodeHash, "userCodeHash");
    Args.key(userId, "userId");
    Args.key(sessionId, "sessionId");
    Objects.requireNonNull(authTime, "authTime");
    if (credentialsVersion < 0) {
      throw new IllegalArgumentException("credentialsVersion must be at least 0");
    }
    Objects.requireNonNull(now, "now");
    DeviceGrant.checkAmr(amr);
    return changePending(
        userCodeHash, now, g -> g.approved(userId, sessionId, authTime, credentialsVersion, amr));
  }

  @Override
  public boolean deny(String userCodeHash, Instant now) {
    sha256(userCodeHash, "userCodeHash");
    Objects.requireNonNull(now, "now");
    return changePending(userCodeHash, now, g -> g.withStatus(DeviceGrant.Status.DENIED));
  }

  @Override
  public DevicePoll poll(String deviceCodeHash, Instant now, Duration tolerance) {
    sha256(deviceCodeHash, "deviceCodeHash");
    Objects.requireNonNull(now, "now");
    DeviceGrant.checkTolerance(tolerance);
    DevicePoll[] outcome = {new DevicePoll.Invalid()};
    // One compute: the decision and the new state are made under the entry's lock.
    grants
        .asMap()
        .computeIfPresent(
            deviceCodeHash,
            (hash, grant) -> {
              DeviceGrant.Polled step = grant.poll(now, tolerance);
              outcome[0] = step.outcome();
              return step.next();
            });
    return outcome[0];
  }

  @Override
  public int purge(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    int count = 0;
    for (Map.Entry<String, DeviceGrant> e : grants.asMap().entrySet()) {
      if (e.getValue().expiresAt().isBefore(cutoff)
          && grants.asMap().remove(e.getKey(), e.getValue())) {
        byUserCode.remove(e.getValue().userCodeHash(), e.getKey());
        count++;
      }
    }
    return count;
  }

  /** Grants held now, in any status, after dropping those past their grace. */
  public long size() {
    grants.cleanUp();
    return grants.estimatedSize();
  }

  private Optional<DeviceGrant> byUser(String userCodeHash) {
    String device = byUserCode.get(userCodeHash);
    if (device == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(grants.getIfPresent(device))
        .filter(g -> g.userCodeHash().equals(userCodeHash));
  }

  private boolean changePending(
      String userCodeHash, Instant now, java.util.function.UnaryOperator<DeviceGrant> change) {
    String device = byUserCode.get(userCodeHash);
    if (device == null) {
      return false;
    }
    boolean[] changed = {false};
    grants
        .asMap()
        .computeIfPresent(
            device,
            (hash, grant) -> {
              if (!grant.userCodeHash().equals(userCodeHash)
                  || grant.status() != DeviceGrant.Status.PENDING
                  || !now.isBefore(grant.expiresAt())) {
                return grant;
              }
              changed[0] = true;
              return change.apply(grant);
            });
    return changed[0];
  }

  private static void sha256(String value, String name) {
    Objects.requireNonNull(value, name);
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(name + " must be 64 lower-case hex digits (SHA-256)");
    }
  }
}
