package dev.portcullis.auth.store.jdbc.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versions of the migration files in the jar. Branches that add migrations in parallel may
 * leave a gap until they meet (Flyway accepts one on a new schema), so tests ask for the versions
 * instead of counting from 1.
 */
public final class MigrationFiles {
  private MigrationFiles() {}

  /** Every version, ascending. */
  public static List<Integer> versions() throws Exception {
    URL location = MigrationFiles.class.getClassLoader().getResource("db/portcullis");
    Pattern versioned = Pattern.compile("V(\\d+)__.+\\.sql");
    List<Integer> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(location.toURI()))) {
      for (Path f : files.toList()) {
        Matcher m = versioned.matcher(f.getFileName().toString());
        assertThat(m.matches()).as("migration file name %s", f.getFileName()).isTrue();
        versions.add(Integer.parseInt(m.group(1)));
      }
    }
    Collections.sort(versions);
    return versions;
  }

  /** The version before the newest. */
  public static int beforeNewest() throws Exception {
    List<Integer> versions = versions();
    return versions.get(versions.size() - 2);
  }
}
