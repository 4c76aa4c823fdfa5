package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.CredentialKey;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.StoredCredentials;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** {@link CredentialStore#file(Path)}. */
public final class FileCredentialStore implements CredentialStore {
  private final Path dir;

  public FileCredentialStore(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  @Override
  public Optional<StoredCredentials> load(CredentialKey key) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void save(CredentialKey key, StoredCredentials credentials) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public void delete(CredentialKey key) {
    throw new UnsupportedOperationException("skeleton");
  }

  @Override
  public String toString() {
    return "CredentialStore.file(" + dir + ")";
  }
}
