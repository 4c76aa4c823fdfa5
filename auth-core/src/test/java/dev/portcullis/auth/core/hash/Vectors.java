package dev.portcullis.auth.core.hash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Reads the published test vectors copied under {@code src/test/resources/vectors}. */
public final class Vectors {
  private Vectors() {}

  /** The whole resource {@code vectors/<path>} as UTF-8 text. */
  public static String text(String path) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + path)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource vectors/" + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tab-separated rows of {@code vectors/<path>}, without '#' comments and blank lines. */
  public static List<String[]> rows(String path) {
    List<String[]> rows = new ArrayList<>();
    for (String line : text(path).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        rows.add(line.split("\t", -1));
      }
    }
    if (rows.isEmpty()) {
      throw new IllegalStateException("no vectors in vectors/" + path);
    }
    return rows;
  }

  /** The rows whose first column is {@code kind}, without that column. */
  public static List<String[]> rows(String path, String kind) {
    List<String[]> out = new ArrayList<>();
    for (String[] row : rows(path)) {
      if (row[0].equals(kind)) {
        out.add(java.util.Arrays.copyOfRange(row, 1, row.length));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("no " + kind + " vectors in vectors/" + path);
    }
    return out;
  }

  /** Bytes from hex. */
  public static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /** Settings that make every algorithm fast enough for unit tests. */
  public static HashingSettings fastSettings(HashAlgorithm algorithm) {
    return new HashingSettings(
        algorithm,
        new Argon2Params(64, 1, 1),
        new BcryptParams(4),
        new ScryptParams(16, 8, 1),
        new Pbkdf2Params(1000, 1000),
        HashingSettings.DEFAULT_SALT_LENGTH,
        Optional.empty());
  }
}
