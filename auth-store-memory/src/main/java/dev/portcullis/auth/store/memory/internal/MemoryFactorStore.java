package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.FactorCredential;
import dev.portcullis.auth.api.store.FactorStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Factor credentials in a map keyed by id; every operation holds the store's lock, so each
 * read-modify-write ({@link #useStep}'s compare-and-set) is atomic. Bounded: when it holds its
 * maximum, a new credential (not one replacing the user's pending one) is refused with {@code
 * service_unavailable}; none is ever dropped, since that would switch a user's factor off.
 * Thread-safe.
 */
public final class MemoryFactorStore implements FactorStore {
  private final Map<String, FactorCredential> byId = new HashMap<>();
  private final Capacity capacity;

  /** A store of at most {@code max} credentials; {@code settingKey} is named when it is full. */
  public MemoryFactorStore(long max, String settingKey) {
    this.capacity = new Capacity(max, "memory factor store", settingKey);
  }

  @Override
  public synchronized boolean savePending(FactorCredential credential) {
    Objects.requireNonNull(credential, "credential");
    if (credential.active()) {
      throw new IllegalArgumentException("a new credential must be pending");
    }
    Optional<FactorCredential> old = find(credential.userId(), credential.type());
    if (old.isPresent() && old.get().active()) {
      return false;
    }
    if (byId.containsKey(credential.id())
        && old.map(o -> !o.id().equals(credential.id())).orElse(true)) {
      throw new IllegalArgumentException("a credential with this id exists");
    }
    if (old.isEmpty() && byId.size() >= capacity.max()) {
      throw capacity.full();
    }
    old.ifPresent(o -> byId.remove(o.id()));
    byId.put(credential.id(), credential);
    return true;
  }

  @Override
  public synchronized Optional<FactorCredential> find(String userId, String type) {
    Args.key(userId, "userId");
    Args.key(type, "type");
    return byId.values().stream()
        .filter(c -> c.userId().equals(userId) && c.type().equals(type))
        .findFirst();
  }

  @Override
  public synchronized List<FactorCredential> list(String userId) {
    Args.key(userId, "userId");
    return byId.values().stream()
        .filter(c -> c.userId().equals(userId))
        .sorted(Comparator.comparing(FactorCredential::createdAt))
        .toList();
  }

  @Override
  public synchronized boolean activate(String credentialId, long step, Instant at) {
    Objects.requireNonNull(at, "at");
    FactorCredential c = byId.get(Args.key(credentialId, "credentialId"));
    if (c == null || c.active()) {
      return false;
    }
    byId.put(c.id(), with(c, c.secret(), at, step));
    return true;
  }

  @Override
  public synchronized boolean useStep(String credentialId, long step) {
    FactorCredential c = byId.get(Args.key(credentialId, "credentialId"));
    if (c == null || !c.active() || c.lastUsedStep() >= step) {
      return false;
    }
    byId.put(c.id(), with(c, c.secret(), c.activatedAt(), step));
    return true;
  }

  @Override
  public synchronized boolean replaceSecret(
      String credentialId, String expected, String replacement) {
    Objects.requireNonNull(expected, "expected");
    Args.key(replacement, "replacement");
    FactorCredential c = byId.get(Args.key(credentialId, "credentialId"));
    if (c == null || !c.secret().equals(expected)) {
      return false;
    }
    byId.put(c.id(), with(c, replacement, c.activatedAt(), c.lastUsedStep()));
    return true;
  }

  @Override
  public synchronized boolean delete(String userId, String type) {
    Optional<FactorCredential> c = find(userId, type);
    c.ifPresent(x -> byId.remove(x.id()));
    return c.isPresent();
  }

  @Override
  public synchronized int deleteAll(String userId) {
    List<FactorCredential> mine = list(userId);
    mine.forEach(c -> byId.remove(c.id()));
    return mine.size();
  }

  private static FactorCredential with(
      FactorCredential c, String secret, Instant activatedAt, long step) {
    return new FactorCredential(
        c.id(), c.userId(), c.type(), secret, c.createdAt(), activatedAt, step);
  }
}
