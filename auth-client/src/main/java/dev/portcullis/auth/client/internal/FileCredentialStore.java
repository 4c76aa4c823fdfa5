package dev.portcullis.auth.client.internal;

import dev.portcullis.auth.client.CredentialKey;
import dev.portcullis.auth.client.CredentialStore;
import dev.portcullis.auth.client.StoredCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CredentialStore#file(Path)}: one JSON file per key, named by the SHA-256 of the issuer and
 * client id (so neither leaks into a directory listing and any client id is a safe file name).
 * Where the file system is POSIX the directory is {@code rwx------} and each file {@code
 * rw-------}. A write goes to a temporary file in the same directory, then moves over the old file
 * atomically: a crash or a concurrent reader never sees half a file. Nothing here logs a token.
 */
public final class FileCredentialStore implements CredentialStore {
  private static final System.Logger LOG = System.getLogger(FileCredentialStore.class.getName());
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path dir;

  public FileCredentialStore(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  /** The file of {@code key}. */
  public Path fileOf(CredentialKey key) {
    byte[] hash =
        Randoms.sha256((key.issuer() + "\n" + key.clientId()).getBytes(StandardCharsets.UTF_8));
    return dir.resolve(HexFormat.of().formatHex(hash) + ".json");
  }

  @Override
  public synchronized Optional<StoredCredentials> load(CredentialKey key) {
    Path file = fileOf(key);
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the credentials file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); check its owner and permissions or delete it and log in again",
          e);
    }
    try {
      Map<String, Object> json = Json.parseObject(text);
      if (!key.issuer().toString().equals(Json.string(json, "issuer").orElse(null))
          || !key.clientId().equals(Json.string(json, "client_id").orElse(null))) {
        return Optional.empty();
      }
      String accessToken = Json.string(json, "access_token").orElse(null);
      Instant expiresAt = Json.integer(json, "expires_at").map(Instant::ofEpochSecond).orElse(null);
      if ((accessToken == null) != (expiresAt == null)) {
        accessToken = null;
        expiresAt = null;
      }
      Set<String> scopes =
          new LinkedHashSet<>(
              Arrays.asList(Json.string(json, "scope").orElse("").trim().split("\\s+")));
      scopes.remove("");
      return Optional.of(
          new StoredCredentials(
              accessToken, expiresAt, Json.string(json, "refresh_token").orElse(null), scopes));
    } catch (Json.NotJson e) {
      // A damaged file holds nothing usable: the user logs in again, which rewrites it.
      LOG.log(
          System.Logger.Level.WARNING,
          "ignoring the damaged credentials file {0}: {1}; log in again to replace it",
          file,
          e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public synchronized void save(CredentialKey key, StoredCredentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("issuer", key.issuer().toString());
    json.put("client_id", key.clientId());
    json.put("access_token", credentials.accessToken());
    json.put(
        "expires_at",
        credentials.expiresAt() == null ? null : credentials.expiresAt().getEpochSecond());
    json.put("refresh_token", credentials.refreshToken());
    json.put("scope", String.join(" ", credentials.scopes()));
    Path file = fileOf(key);
    Path temporary = null;
    try {
      createDirectory();
      temporary = Files.createTempFile(dir, ".credentials-", ".tmp", ownerOnly(OWNER_FILE));
      Files.writeString(temporary, Json.write(json), StandardCharsets.UTF_8);
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot replace files atomically", e);
      }
      temporary = null;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the credentials file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + "); the directory must be writable by this user (choose another with"
              + " CredentialStore.file(dir))",
          e);
    } finally {
      if (temporary != null) {
        try {
          Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
          // Best effort: the temporary file is owner-only and holds nothing once superseded.
        }
      }
    }
  }

  @Override
  public synchronized void delete(CredentialKey key) {
    Path file = fileOf(key);
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot delete the credentials file " + file + "; delete it by hand", e);
    }
  }

  private void createDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir.toAbsolutePath().getParent());
      Files.createDirectory(dir, ownerOnly(OWNER_DIR));
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }

  @Override
  public String toString() {
    return "CredentialStore.file(" + dir + ")";
  }
}
