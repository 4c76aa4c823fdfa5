package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.model.Consent;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ConsentStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Consents in a map per user, then per client; unbounded (only a user who approved a client adds
 * one). Thread-safe; a grant is one atomic {@code compute} on the user's map, so concurrent grants
 * end in their union.
 */
public final class MemoryConsentStore implements ConsentStore {

  private final ConcurrentMap<String, ConcurrentMap<String, Consent>> byUser =
      new ConcurrentHashMap<>();

  @Override
  public void grant(String userId, String clientId, Set<String> scopes, Instant at) {
    Args.key(userId, "userId");
    Args.key(clientId, "clientId");
    Objects.requireNonNull(scopes, "scopes");
    Objects.requireNonNull(at, "at");
    Consent added = new Consent(userId, clientId, OAuthClient.scopeSet(scopes), at);
    // compute on the outer map as well, so that a concurrent revoke of the user's last consent
    // cannot drop the inner map this grant writes to.
    byUser.compute(
        userId,
        (u, clients) -> {
          ConcurrentMap<String, Consent> map =
              clients == null ? new ConcurrentHashMap<>() : clients;
          map.merge(clientId, added, MemoryConsentStore::union);
          return map;
        });
  }

  private static Consent union(Consent old, Consent added) {
    Set<String> scopes = new HashSet<>(old.scopes());
    scopes.addAll(added.scopes());
    Instant at = old.grantedAt().isAfter(added.grantedAt()) ? old.grantedAt() : added.grantedAt();
    return new Consent(old.userId(), old.clientId(), scopes, at);
  }

  @Override
  public Optional<Consent> find(String userId, String clientId) {
    Args.key(userId, "userId");
    Args.key(clientId, "clientId");
    Map<String, Consent> clients = byUser.get(userId);
    return clients == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
  }

  @Override
  public List<Consent> listForUser(String userId) {
    Args.key(userId, "userId");
    Map<String, Consent> clients = byUser.get(userId);
    return clients == null
        ? List.of()
        : clients.values().stream().sorted(Comparator.comparing(Consent::clientId)).toList();
  }

  @Override
  public boolean revoke(String userId, String clientId) {
    Args.key(userId, "userId");
    Args.key(clientId, "clientId");
    boolean[] removed = {false};
    byUser.computeIfPresent(
        userId,
        (u, clients) -> {
          removed[0] = clients.remove(clientId) != null;
          return clients.isEmpty() ? null : clients;
        });
    return removed[0];
  }
}
