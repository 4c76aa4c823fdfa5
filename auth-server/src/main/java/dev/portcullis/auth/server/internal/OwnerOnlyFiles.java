package dev.portcullis.auth.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files only their owner may read: keys and secrets. Written to a temporary file created with
 * {@code rw-------} and then moved into place, so the content is never visible with wider
 * permissions, not even for a moment.
 */
public final class OwnerOnlyFiles {

  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** Whether the file system enforces POSIX permissions. */
  public static boolean posix(Path anyPath) {
    Path p = anyPath.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /** Creates {@code dir} and missing parents; those it creates are {@code rwx------}. */
  public static void createDirectories(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        return;
      }
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        createDirectories(parent);
      }
      try {
        if (posix(dir)) {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR));
        } else {
          Files.createDirectory(dir);
        }
      } catch (FileAlreadyExistsException raced) {
        // another process created it first
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the directory " + dir, e);
    }
  }

  /**
   * Writes {@code content} to {@code target} with owner-only permissions.
   *
   * @param replace whether an existing file is replaced; when false and the file exists, nothing is
   *     written and false is returned
   * @return whether this call wrote the file
   */
  public static boolean write(Path target, byte[] content, boolean replace) {
    Path dir = target.toAbsolutePath().getParent();
    createDirectories(dir);
    Path tmp = null;
    try {
      FileAttribute<?>[] attrs =
          posix(dir)
              ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
              : new FileAttribute<?>[0];
      tmp = Files.createTempFile(dir, ".portcullis-", ".part", attrs);
      Files.write(tmp, content);
      if (replace) {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } else {
        try {
          Files.move(tmp, target);
        } catch (FileAlreadyExistsException exists) {
          return false;
        }
      }
      tmp = null;
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /**
   * Why {@code file} is readable by others than its owner, or empty when it is not (or the file
   * system has no POSIX permissions).
   */
  public static Optional<String> looseness(Path file) {
    try {
      if (!posix(file) || !Files.exists(file)) {
        return Optional.empty();
      }
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      Set<PosixFilePermission> loose = EnumSet.copyOf(perms);
      loose.retainAll(
          EnumSet.of(
              PosixFilePermission.GROUP_READ,
              PosixFilePermission.GROUP_WRITE,
              PosixFilePermission.OTHERS_READ,
              PosixFilePermission.OTHERS_WRITE));
      if (loose.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          "is "
              + PosixFilePermissions.toString(perms)
              + ": other users of this machine can read or change it");
    } catch (IOException e) {
      return Optional.of("cannot be checked (" + e.getClass().getSimpleName() + ")");
    }
  }
}
