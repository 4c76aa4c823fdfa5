package dev.portcullis.auth.store.memory.internal;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.error.ErrorKind;
import dev.portcullis.auth.api.model.OAuthClient;
import dev.portcullis.auth.api.store.ClientStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Clients in a map by id. Unbounded: clients are registered by operators, not by the public.
 * Thread-safe; every change is one atomic map operation on the client's entry.
 */
public final class MemoryClientStore implements ClientStore {

  private static final Comparator<OAuthClient> ORDER =
      Comparator.comparing(OAuthClient::createdAt).thenComparing(OAuthClient::clientId);

  private final ConcurrentMap<String, OAuthClient> clients = new ConcurrentHashMap<>();

  @Override
  public Result<OAuthClient> create(OAuthClient client) {
    Objects.requireNonNull(client, "client");
    return clients.putIfAbsent(client.clientId(), client) == null
        ? Result.ok(client)
        : Result.err(AuthError.of(ErrorKind.IDENTIFIER_TAKEN));
  }

  @Override
  public Optional<OAuthClient> find(String clientId) {
    Args.key(clientId, "clientId");
    return Optional.ofNullable(clients.get(clientId));
  }

  @Override
  public boolean update(OAuthClient client) {
    Objects.requireNonNull(client, "client");
    return clients.computeIfPresent(client.clientId(), (id, old) -> client) != null;
  }

  @Override
  public boolean setSecretHash(String clientId, String newHash) {
    Args.key(clientId, "clientId");
    Args.key(newHash, "newHash");
    // The record's constructor refuses a bad hash or a public client inside the atomic update,
    // which then leaves the entry as it was.
    return clients.computeIfPresent(clientId, (id, old) -> old.withSecretHash(newHash)) != null;
  }

  @Override
  public boolean setEnabled(String clientId, boolean enabled) {
    Args.key(clientId, "clientId");
    return clients.computeIfPresent(clientId, (id, old) -> old.withEnabled(enabled)) != null;
  }

  @Override
  public List<OAuthClient> list(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
    Args.limit(limit);
    return clients.values().stream().sorted(ORDER).skip(offset).limit(limit).toList();
  }
}
