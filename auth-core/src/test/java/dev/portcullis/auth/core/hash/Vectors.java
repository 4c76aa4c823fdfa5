package dev.portcullis.auth.core.hash;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

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
    return HashingSettings.defaults()
        .withAlgorithm(algorithm)
        .withArgon2(64, 1, 1)
        .withBcryptCost(4)
        .withScrypt(16, 8, 1)
        .withPbkdf2Sha256Iterations(1000)
        .withPbkdf2Sha512Iterations(1000);
  }
}
