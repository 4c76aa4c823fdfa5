package dev.portcullis.auth.core.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The bundled list of the 10,000 most common passwords (SecLists, MIT licence; see NOTICE), loaded
 * once and compared case-insensitively.
 */
final class CommonPasswords {
  private static final String RESOURCE = "common-passwords.txt";

  private static volatile Set<String> bundled;

  private CommonPasswords() {}

  static Set<String> bundled() {
    Set<String> s = bundled;
    if (s == null) {
      synchronized (CommonPasswords.class) {
        s = bundled;
        if (s == null) {
          s = load();
          bundled = s;
        }
      }
    }
    return s;
  }

  private static Set<String> load() {
    try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the common-password list " + RESOURCE + " is missing from the auth-core jar");
      }
      Set<String> words = new HashSet<>(16_384);
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          String w = line.strip();
          if (!w.isEmpty()) {
            words.add(w.toLowerCase(Locale.ROOT));
          }
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the common-password list", e);
    }
  }
}
