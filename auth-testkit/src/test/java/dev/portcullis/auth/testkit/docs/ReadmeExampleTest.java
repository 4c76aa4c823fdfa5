package dev.portcullis.auth.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java example of the repository's README.md compiles against the published modules and runs:
 * its one {@code ```java} block is a complete class with a {@code main} method, and it prints what
 * the block says it prints. It is also, character for character, the examples module's {@code
 * QuickStart.java}, which the build compiles and {@code QuickStartTest} runs.
 *
 * <p>When a {@code ```text} (or {@code ```console}, {@code ```output}) block follows the Java
 * block, that is the output, line by line; {@code <...>} in it stands for any text (a generated
 * id). Otherwise each {@code System.out.println} of the block must print one line, in order,
 * starting with the string literal it starts with, if any.
 */
final class ReadmeExampleTest {

  private static final List<String> OUTPUT_LANGUAGES = List.of("text", "console", "output");

  /** A println; group 1 is the string literal its argument starts with, if it does. */
  private static final Pattern PRINTLN =
      Pattern.compile("System\\.out\\.println\\(\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\")?");

  private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]*>");

  /** The file the README's Java block is, relative to the repository root. */
  private static final String QUICK_START =
      "examples/src/main/java/dev/portcullis/auth/examples/QuickStart.java";

  @Test
  void readmeJavaExample_compilesRunsAndPrintsWhatTheReadmeShows(@TempDir Path dir)
      throws Exception {
    Markdown readme = Markdown.read(Markdown.repositoryRoot(), "README.md");
    List<Markdown.Block> java = readme.blocks("java");
    assertThat(java)
        .as("README.md must hold exactly one ```java block (a complete class with main)")
        .hasSize(1);
    Markdown.Block example = java.get(0);

    Path classes = InProcessCompiler.compile(java, dir);
    String printed = runMain(example, classes);

    Optional<Markdown.Block> shown = readme.following(example, OUTPUT_LANGUAGES);
    if (shown.isPresent()) {
      assertPrintsShownOutput(lines(printed), shown.get());
    } else {
      assertPrintsOneLinePerPrintln(lines(printed), example);
    }
  }

  /**
   * The README says its block is {@code examples/.../QuickStart.java}, which the build compiles and
   * {@code QuickStartTest} runs: the two are one text, so neither can drift from the other.
   */
  @Test
  void readmeJavaExample_isTheExamplesModulesQuickStartFile() throws Exception {
    Path root = Markdown.repositoryRoot();
    List<Markdown.Block> java = Markdown.read(root, "README.md").blocks("java");
    assertThat(java).hasSize(1);
    Path file = root.resolve(QUICK_START);
    assertThat(file)
        .as("the README's example is the file %s, compiled by the build", QUICK_START)
        .isRegularFile();
    String content = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");

    assertThat(java.get(0).code())
        .as(
            "%s must be %s, character for character: copy one into the other",
            java.get(0).where(), QUICK_START)
        .isEqualTo(content);
  }

  private static void assertPrintsShownOutput(List<String> printed, Markdown.Block shown) {
    List<String> expected = lines(shown.code());
    assertThat(printed)
        .as(
            "%s: the output shown has %d lines; the program printed:%n%s",
            shown.where(), expected.size(), String.join("\n", printed))
        .hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(printed.get(i))
          .as("line %d of the output shown at %s", i + 1, shown.where())
          .matches(pattern(expected.get(i)));
    }
  }

  /** {@code <...>} matches any text; everything else literally. */
  private static Pattern pattern(String expectedLine) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(expectedLine);
    int at = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expectedLine.substring(at, m.start()))).append(".+");
      at = m.end();
    }
    regex.append(Pattern.quote(expectedLine.substring(at)));
    return Pattern.compile(regex.toString());
  }

  private static void assertPrintsOneLinePerPrintln(List<String> printed, Markdown.Block example) {
    List<Optional<String>> printlns = new ArrayList<>();
    Matcher m = PRINTLN.matcher(example.code());
    while (m.find()) {
      printlns.add(Optional.ofNullable(m.group(1)).map(ReadmeExampleTest::unescape));
    }
    assertThat(printlns)
        .as("%s: the example prints nothing (no System.out.println)", example.where())
        .isNotEmpty();
    assertThat(printed)
        .as(
            "%s: one line per System.out.println (%d); the program printed:%n%s%n(for output that"
                + " is not one line per println, show it in a ```text block right after the"
                + " example)",
            example.where(), printlns.size(), String.join("\n", printed))
        .hasSize(printlns.size());
    for (int i = 0; i < printlns.size(); i++) {
      if (printlns.get(i).isPresent()) {
        assertThat(printed.get(i))
            .as("line %d of what %s prints", i + 1, example.typeName())
            .startsWith(printlns.get(i).get());
      }
    }
  }

  private static String unescape(String literal) {
    return literal
        .replace("\\\"", "\"")
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\\\", "\\");
  }

  private static String runMain(Markdown.Block example, Path classes) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader())) {
      Method main = loader.loadClass(example.qualifiedName()).getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers()))
          .as("%s: main must be static", example.where())
          .isTrue();
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      try {
        main.invoke(null, (Object) new String[0]);
      } catch (InvocationTargetException e) {
        throw new AssertionError(
            example.where() + ": " + example.typeName() + ".main threw " + e.getCause(),
            e.getCause());
      } finally {
        System.setOut(original);
      }
    } catch (NoSuchMethodException e) {
      throw new AssertionError(
          example.where() + ": " + example.typeName() + " has no main(String[]) method", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> lines(String text) {
    return text.replace("\r\n", "\n").strip().lines().map(String::stripTrailing).toList();
  }
}
