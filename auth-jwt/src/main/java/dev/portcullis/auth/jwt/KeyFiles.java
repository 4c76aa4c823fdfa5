package dev.portcullis.auth.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How key files are read: the one place where {@link JwtModule} touches the file system, so a test
 * can count or fake the reads. {@link JwtModule} binds {@link #system()} by default; replace it
 * with {@code OptionalBinder.newOptionalBinder(binder(), KeyFiles.class).setBinding()}.
 */
@FunctionalInterface
public interface KeyFiles {

  /**
   * The text of {@code file} (a PEM or JWK).
   *
   * @throws IOException if it cannot be read
   */
  String read(Path file) throws IOException;

  /** Reads from the default file system, as UTF-8. */
  static KeyFiles system() {
    return file -> Files.readString(file, StandardCharsets.UTF_8);
  }
}
