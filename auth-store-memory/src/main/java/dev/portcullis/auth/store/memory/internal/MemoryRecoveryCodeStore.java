package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.RecoveryCode;
import dev.portcullis.auth.api.store.RecoveryCodeStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recovery codes per user, each user's set an immutable map swapped atomically; {@link #consume} is
 * one atomic {@code computeIfPresent}. Bounded by users: when it holds the codes of its maximum of
 * users, a user without codes yet is refused with {@code service_unavailable} (codes are never
 * dropped: they are a user's way back in). The check precedes the insertion without a lock, so
 * concurrent callers may overshoot the bound by at most their number. Thread-safe.
 */
public final class MemoryRecoveryCodeStore implements RecoveryCodeStore {
  private final ConcurrentHashMap<String, Map<String, RecoveryCode>> byUser =
      new ConcurrentHashMap<>();
  private final Capacity capacity;

  /**
   * A store of the codes of at most {@code maxUsers} users, naming {@code settingKey} when full.
   */
  public MemoryRecoveryCodeStore(long maxUsers, String settingKey) {
    this.capacity = new Capacity(maxUsers, "memory recovery-code store", settingKey);
  }

  @Override
  public void replaceAll(String userId, List<RecoveryCode> codes) {
    Args.key(userId, "userId");
    Map<String, RecoveryCode> m = new HashMap<>();
    for (RecoveryCode c : codes) {
      if (!c.userId().equals(userId)) {
        throw new IllegalArgumentException("a recovery code belongs to another user");
      }
      if (m.put(Args.key(c.lookupId(), "lookupId"), c) != null) {
        throw new IllegalArgumentException("two recovery codes share a lookup id");
      }
    }
    if (!byUser.containsKey(userId) && byUser.size() >= capacity.max()) {
      throw capacity.full();
    }
    byUser.put(userId, Map.copyOf(m));
  }

  @Override
  public Optional<RecoveryCode> find(String userId, String lookupId) {
    Args.key(lookupId, "lookupId");
    return Optional.ofNullable(
        byUser.getOrDefault(Args.key(userId, "userId"), Map.of()).get(lookupId));
  }

  @Override
  public boolean consume(String userId, String lookupId) {
    Args.key(lookupId, "lookupId");
    boolean[] removed = {false};
    byUser.computeIfPresent(
        Args.key(userId, "userId"),
        (u, codes) -> {
          if (!codes.containsKey(lookupId)) {
            return codes;
          }
          removed[0] = true;
          Map<String, RecoveryCode> rest = new HashMap<>(codes);
          rest.remove(lookupId);
          return Map.copyOf(rest);
        });
    return removed[0];
  }

  @Override
  public int remaining(String userId) {
    return byUser.getOrDefault(Args.key(userId, "userId"), Map.of()).size();
  }

  @Override
  public int deleteAll(String userId) {
    Map<String, RecoveryCode> m = byUser.remove(Args.key(userId, "userId"));
    return m == null ? 0 : m.size();
  }
}
