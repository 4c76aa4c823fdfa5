package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.NewUser;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Accounts in memory. Accounts never expire and are never evicted: at {@code maxUsers} a creation
 * throws {@code ServiceUnavailableException}. Thread-safe; creations are serialised (they are
 * rare), reads are lock-free and updates are atomic per account.
 */
public final class MemoryUserStore implements UserStore {

  private static final Comparator<Order> ORDER =
      Comparator.comparing(Order::createdAt).thenComparing(Order::id);

  /** A position in {@link #list}: creation time, then id. */
  private record Order(Instant createdAt, String id) {}

  private final ConcurrentHashMap<String, StoredUser> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> idByIdentifier = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Order> order = new ConcurrentSkipListSet<>(ORDER);
  private final Capacity capacity;
  private final Object createLock = new Object();

  public MemoryUserStore(long maxUsers) {
    this.capacity =
        new Capacity(maxUsers, "the in-memory user store", "auth.store.memory.max-users");
  }

  @Override
  public Result<User> create(NewUser user) {
    Objects.requireNonNull(user, "user");
    Args.key(user.id(), "id");
    Args.key(user.identifier(), "identifier");
    Args.key(user.passwordHash(), "passwordHash");
    synchronized (createLock) {
      if (idByIdentifier.containsKey(user.identifier())) {
        return Result.err(AuthError.of(ErrorKind.IDENTIFIER_TAKEN));
      }
      if (byId.containsKey(user.id())) {
        throw new IllegalArgumentException("a user with id " + user.id() + " exists already");
      }
      if (byId.size() >= capacity.max()) {
        throw capacity.full();
      }
      User created = user.toUser();
      // The account first, then the indexes that lead to it: a reader never finds a dangling id.
      byId.put(created.id(), new StoredUser(created, user.passwordHash(), 0));
      order.add(new Order(created.createdAt(), created.id()));
      idByIdentifier.put(created.identifier(), created.id());
      return Result.ok(created);
    }
  }

  @Override
  public Optional<StoredUser> findById(String userId) {
    return Optional.ofNullable(byId.get(Args.key(userId, "userId")));
  }

  @Override
  public Optional<StoredUser> findByIdentifier(String identifier) {
    String id = idByIdentifier.get(Args.key(identifier, "identifier"));
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  @Override
  public boolean setPassword(
      String userId, long expectedVersion, String newHash, Instant changedAt) {
    Args.key(userId, "userId");
    Args.key(newHash, "newHash");
    Objects.requireNonNull(changedAt, "changedAt");
    boolean[] set = {false};
    byId.computeIfPresent(
        userId,
        (id, s) -> {
          if (s.credentialsVersion() != expectedVersion) {
            return s;
          }
          set[0] = true;
          User u = s.user();
          User changed =
              new User(
                  u.id(),
                  u.identifier(),
                  u.email(),
                  u.name(),
                  u.roles(),
                  u.enabled(),
                  u.createdAt(),
                  changedAt,
                  u.emailVerified());
          return new StoredUser(changed, newHash, expectedVersion + 1);
        });
    return set[0];
  }

  @Override
  public boolean markEmailVerified(String userId) {
    Args.key(userId, "userId");
    return byId.computeIfPresent(userId, (id, s) -> s.withUser(s.user().withEmailVerified(true)))
        != null;
  }

  @Override
  public boolean replaceHash(String userId, String expectedHash, String newHash) {
    Args.key(userId, "userId");
    Args.key(expectedHash, "expectedHash");
    Args.key(newHash, "newHash");
    boolean[] replaced = {false};
    byId.computeIfPresent(
        userId,
        (id, s) -> {
          if (!s.passwordHash().equals(expectedHash)) {
            return s;
          }
          replaced[0] = true;
          return s.withHash(newHash);
        });
    return replaced[0];
  }

  @Override
  public boolean setEnabled(String userId, boolean enabled) {
    Args.key(userId, "userId");
    return byId.computeIfPresent(userId, (id, s) -> s.withUser(s.user().withEnabled(enabled)))
        != null;
  }

  @Override
  public boolean setRoles(String userId, Set<String> roles) {
    Args.key(userId, "userId");
    Set<String> copy = Set.copyOf(roles);
    return byId.computeIfPresent(userId, (id, s) -> s.withUser(s.user().withRoles(copy))) != null;
  }

  @Override
  public List<User> list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, was " + offset);
    }
    Args.limit(limit);
    List<User> page = new ArrayList<>(Math.min(limit, 64));
    Iterator<Order> it = order.iterator();
    for (int skipped = 0; skipped < offset && it.hasNext(); skipped++) {
      it.next();
    }
    while (page.size() < limit && it.hasNext()) {
      StoredUser s = byId.get(it.next().id());
      if (s != null) {
        page.add(s.user());
      }
    }
    return page;
  }

  /** How many accounts are stored. */
  public long size() {
    return byId.size();
  }
}
