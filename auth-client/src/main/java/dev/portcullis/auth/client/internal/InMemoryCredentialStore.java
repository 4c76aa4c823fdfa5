package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.CredentialKey;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.StoredCredentials;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** {@link CredentialStore#inMemory()}. */
public final class InMemoryCredentialStore implements CredentialStore {
  private final ConcurrentMap<CredentialKey, StoredCredentials> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<StoredCredentials> load(CredentialKey key) {
    return Optional.ofNullable(entries.get(Objects.requireNonNull(key, "key")));
  }

  @Override
  public void save(CredentialKey key, StoredCredentials credentials) {
    entries.put(
        Objects.requireNonNull(key, "key"), Objects.requireNonNull(credentials, "credentials"));
  }

  @Override
  public void delete(CredentialKey key) {
    entries.remove(Objects.requireNonNull(key, "key"));
  }

  @Override
  public String toString() {
    return "CredentialStore.inMemory()";
  }
}
