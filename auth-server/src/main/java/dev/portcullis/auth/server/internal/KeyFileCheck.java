package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.server.internal.Doctor.Finding;
import dev.portcullis.auth.server.internal.Doctor.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Doctor: the configured private key file must be owner-only; a problem in staging and production,
 * a warning elsewhere. (The development keys are in the data directory: {@link DataDirCheck}.)
 */
final class KeyFileCheck implements Doctor.Check {
  private final Optional<Path> file;
  private final boolean strict;

  /**
   * @param file {@code auth.token.private-key-file}, if set
   * @param strict whether the environment is staging or production
   */
  KeyFileCheck(Optional<Path> file, boolean strict) {
    this.file = file;
    this.strict = strict;
  }

  @Override
  public List<Finding> run() {
    if (file.isEmpty()) {
      return List.of();
    }
    return OwnerOnlyFiles.looseness(file.get())
        .map(
            why ->
                List.of(
                    new Finding(
                        strict ? Level.FAIL : Level.WARN,
                        "auth.token.private-key-file (env AUTH_TOKEN_PRIVATE_KEY_FILE)",
                        "names a file that " + why + ".",
                        "chmod 600 " + file.get())))
        .orElse(List.of());
  }
}
