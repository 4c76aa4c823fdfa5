package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.CredentialKey;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.StoredCredentials;
import java.util.Optional;

/** {@link CredentialStore#none()}. */
public enum NoCredentialStore implements CredentialStore {
  INSTANCE;

  @Override
  public Optional<StoredCredentials> load(CredentialKey key) {
    return Optional.empty();
  }

  @Override
  public void save(CredentialKey key, StoredCredentials credentials) {}

  @Override
  public void delete(CredentialKey key) {}

  @Override
  public String toString() {
    return "CredentialStore.none()";
  }
}
