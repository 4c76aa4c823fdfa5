package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Doctor: the data directory and everything in it must be owner-only: it holds the database
 * (password hashes), its password and the key of its port, and the development keys.
 */
final class DataDirCheck implements Doctor.Check {
  private final Optional<Path> dir;

  DataDirCheck(Optional<Path> dir) {
    this.dir = dir;
  }

  @Override
  public List<Finding> run() {
    if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
      return List.of();
    }
    Path d = dir.get();
    try {
      List<OwnerOnlyFiles.Loose> loose = OwnerOnlyFiles.loose(d);
      if (loose.isEmpty()) {
        return OwnerOnlyFiles.posix(d)
            ? List.of(
                new Finding(
                    Level.OK, "data directory", d + " and everything in it are owner-only", null))
            : List.of();
      }
      return List.of(
          new Finding(
              Level.FAIL,
              "data directory " + d,
              "is open to other users of this machine ("
                  + ServerConfig.describe(loose)
                  + "): they could read the database with its password hashes, the database"
                  + " password and the development keys.",
              "chmod -R go-rwx " + d + " ('serve' also does this when it starts)"));
    } catch (IOException e) {
      return List.of(
          new Finding(
              Level.WARN,
              "data directory " + d,
              "its permissions could not be checked (" + e.getClass().getSimpleName() + ")",
              null));
    }
  }
}
