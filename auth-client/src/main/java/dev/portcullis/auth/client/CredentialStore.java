package dev.portcullis.auth.client;

import dev.portcullis.auth.client.internal.FileCredentialStore;
import dev.portcullis.auth.client.internal.InMemoryCredentialStore;
import dev.portcullis.auth.client.internal.NoCredentialStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a {@link TokenManager} keeps credentials between calls (and, for the file store, between
 * runs). Implementations are thread-safe. A store never logs what it holds.
 */
public interface CredentialStore {

  /** The credentials stored under {@code key}, if any. */
  Optional<StoredCredentials> load(CredentialKey key);

  /** Replaces the credentials stored under {@code key}. */
  void save(CredentialKey key, StoredCredentials credentials);

  /** Deletes the credentials stored under {@code key}; nothing happens if there are none. */
  void delete(CredentialKey key);

  /** Keeps credentials in this process only. */
  static CredentialStore inMemory() {
    return new InMemoryCredentialStore();
  }

  /**
   * Keeps credentials in {@code dir}, one JSON file per key named by a hash of the key, readable by
   * the owner only where the file system is POSIX, each write to a temporary file moved into place
   * atomically. The directory is created on first write.
   */
  static CredentialStore file(Path dir) {
    return new FileCredentialStore(dir);
  }

  /**
   * Keeps nothing: a {@link TokenManager} then holds its credentials in its own memory only, and a
   * new process logs in again with its {@link LoginStrategy} (a service with client credentials
   * needs nothing more).
   */
  static CredentialStore none() {
    return NoCredentialStore.INSTANCE;
  }
}
