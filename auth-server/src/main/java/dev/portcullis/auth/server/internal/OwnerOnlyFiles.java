package dev.portcullis.auth.server.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
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
  private static final Set<PosixFilePermission> OWNER =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

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

  /**
   * An entry under a directory that other users may use, and its permissions.
   *
   * @param path the file or directory
   * @param permissions its permissions before any change, as {@code rwxr-xr-x}
   */
  public record Loose(Path path, String permissions) {}

  /**
   * The entries of {@code dir} (itself included, symbolic links skipped and not followed) with any
   * group or other permission bit: readable, writable or, for a directory, searchable by another
   * user. Empty when {@code dir} does not exist or the file system has no POSIX permissions.
   *
   * @throws IOException when an entry cannot be examined
   */
  public static List<Loose> loose(Path dir) throws IOException {
    return walk(dir, false);
  }

  /**
   * Removes every group and other permission bit from {@code dir} and everything under it (owner
   * bits are kept; symbolic links are skipped and not followed). A directory is restricted before
   * its entries are visited, so nothing is reachable by another user while this runs.
   *
   * @return what was changed, with the permissions it had
   * @throws IOException when an entry cannot be changed (for example: not its owner)
   */
  public static List<Loose> restrictToOwner(Path dir) throws IOException {
    return walk(dir, true);
  }

  private static List<Loose> walk(Path dir, boolean fix) throws IOException {
    List<Loose> found = new ArrayList<>();
    if (!Files.isDirectory(dir) || !posix(dir)) {
      return found;
    }
    // A data directory that is itself a symbolic link is checked where it points: walkFileTree
    // would visit the link as a file and skip it, leaving the real directory as open as it was.
    Path real = dir.toRealPath();
    Files.walkFileTree(
        real,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            check(d);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            if (!attrs.isSymbolicLink()) {
              check(f);
            }
            return FileVisitResult.CONTINUE;
          }

          private void check(Path p) throws IOException {
            Set<PosixFilePermission> perms =
                Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
            owner.addAll(perms);
            owner.retainAll(OWNER);
            if (owner.equals(perms)) {
              return;
            }
            found.add(new Loose(p, PosixFilePermissions.toString(perms)));
            if (fix) {
              Files.setPosixFilePermissions(p, owner);
            }
          }
        });
    return found;
  }
}
