package dev.portcullis.auth.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The fenced code blocks of a Markdown file, with where they start, for messages. */
final class Markdown {

  /**
   * One fenced block.
   *
   * @param file the Markdown file, relative to the repository root, for messages
   * @param language the info string after the fence, for example {@code java}; empty if none
   * @param firstLine the file's line number of the block's first line of code (1-based)
   * @param code the code, lines joined with {@code \n}, ending with {@code \n}
   */
  record Block(String file, String language, int firstLine, String code) {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");
    private static final Pattern TYPE =
        Pattern.compile(
            "(?m)^(?:public\\s+)?(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*"
                + "(?:class|interface|record|enum)\\s+(\\w+)");
    private static final Pattern PUBLIC_TYPE =
        Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*"
                + "(?:class|interface|record|enum)\\s+(\\w+)");

    /** Where the block is, for messages: {@code docs/testing.md:42}. */
    String where() {
      return file + ":" + firstLine;
    }

    /** The package the block declares, or empty for the unnamed package. */
    String packageName() {
      Matcher m = PACKAGE.matcher(code);
      return m.find() ? m.group(1) : "";
    }

    /**
     * The name of the block's public top-level type (or its first top-level type).
     *
     * @throws AssertionError if the block declares no type, so it cannot be a compilation unit
     */
    String typeName() {
      Matcher m = PUBLIC_TYPE.matcher(code);
      if (m.find()) {
        return m.group(1);
      }
      m = TYPE.matcher(code);
      if (m.find()) {
        return m.group(1);
      }
      throw new AssertionError(
          where()
              + ": this ```"
              + language
              + " block declares no top-level class, interface, record or enum; every Java"
              + " block must be a complete compilation unit (package, imports, one type)");
    }

    /** The fully qualified name of {@link #typeName()}. */
    String qualifiedName() {
      return packageName().isEmpty() ? typeName() : packageName() + "." + typeName();
    }
  }

  private final String file;
  private final List<Block> blocks;

  private Markdown(String file, List<Block> blocks) {
    this.file = file;
    this.blocks = blocks;
  }

  /** Reads {@code relative} under the repository root. */
  static Markdown read(Path root, String relative) {
    Path path = root.resolve(relative);
    if (!Files.isRegularFile(path)) {
      throw new AssertionError(
          relative
              + " does not exist under "
              + root
              + "; the documentation whose examples this test runs is missing");
    }
    try {
      return parse(relative, Files.readAllLines(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Markdown parse(String file, List<String> lines) {
    List<Block> blocks = new ArrayList<>();
    String language = null;
    String fence = null;
    int first = 0;
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String stripped = lines.get(i).strip();
      if (fence == null) {
        if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
          fence = stripped.substring(0, 3);
          language = stripped.substring(3).strip();
          first = i + 2;
          code.setLength(0);
        }
      } else if (stripped.equals(fence)) {
        blocks.add(new Block(file, language, first, code.toString()));
        fence = null;
      } else {
        code.append(lines.get(i)).append('\n');
      }
    }
    if (fence != null) {
      throw new AssertionError(file + ":" + (first - 1) + ": this code block is never closed");
    }
    return new Markdown(file, List.copyOf(blocks));
  }

  /** Every block, in order. */
  List<Block> blocks() {
    return blocks;
  }

  /** The blocks in {@code language}, in order. */
  List<Block> blocks(String language) {
    return blocks.stream().filter(b -> b.language().equalsIgnoreCase(language)).toList();
  }

  /** The block right after {@code block}, if it is in one of these languages. */
  Optional<Block> following(Block block, List<String> languages) {
    int i = blocks.indexOf(block);
    if (i < 0 || i + 1 >= blocks.size()) {
      return Optional.empty();
    }
    Block next = blocks.get(i + 1);
    return languages.contains(next.language().toLowerCase(java.util.Locale.ROOT))
        ? Optional.of(next)
        : Optional.empty();
  }

  @Override
  public String toString() {
    return "Markdown[" + file + ", " + blocks.size() + " blocks]";
  }

  /**
   * The repository root: the nearest directory at or above the working directory (the module's
   * directory when Maven runs the tests) that holds {@code mvnw}.
   */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("mvnw"))) {
        return d;
      }
    }
    throw new AssertionError("no directory at or above " + dir + " holds mvnw");
  }
}
