package dev.portcullis.auth.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness of the documentation tests: blocks, their names, and errors at Markdown lines. */
final class InProcessCompilerTest {

  private static final List<String> GUIDE =
      List.of(
          "# Guide", // 1
          "", // 2
          "```java", // 3
          "package example;", // 4
          "", // 5
          "public final class Good {", // 6
          "  public static int answer() { return 42; }", // 7
          "}", // 8
          "```", // 9
          "Some prose.", // 10
          "```java", // 11
          "package example;", // 12
          "final class Bad {", // 13
          "  int value = Good.answer() + missing;", // 14
          "}", // 15
          "```", // 16
          "```text", // 17
          "42", // 18
          "```"); // 19

  @Test
  void blocks_knowTheirLanguageLineAndType() {
    Markdown md = Markdown.parse("guide.md", GUIDE);

    assertThat(md.blocks()).hasSize(3);
    Markdown.Block good = md.blocks("java").get(0);
    assertThat(good.firstLine()).isEqualTo(4);
    assertThat(good.qualifiedName()).isEqualTo("example.Good");
    assertThat(md.blocks("java").get(1).typeName()).isEqualTo("Bad");
    assertThat(md.following(md.blocks("java").get(1), List.of("text")))
        .get()
        .extracting(Markdown.Block::code)
        .isEqualTo("42\n");
    assertThat(md.following(good, List.of("text"))).isEmpty();
  }

  @Test
  void compilationErrors_nameTheMarkdownLine(@TempDir Path dir) {
    Markdown md = Markdown.parse("guide.md", GUIDE);

    assertThatThrownBy(() -> InProcessCompiler.compile(md.blocks("java"), dir))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("guide.md:14: ")
        .hasMessageContaining("missing");
  }

  @Test
  void blocksThatCompile_produceClasses(@TempDir Path dir) {
    Markdown md = Markdown.parse("guide.md", GUIDE);

    Path classes = InProcessCompiler.compile(md.blocks("java").subList(0, 1), dir);

    assertThat(Files.isRegularFile(classes.resolve("example/Good.class"))).isTrue();
  }

  @Test
  void aBlockWithoutAType_isNoCompilationUnit() {
    Markdown md = Markdown.parse("guide.md", List.of("```java", "int x = 1;", "```"));

    assertThatThrownBy(() -> md.blocks("java").get(0).typeName())
        .hasMessageContaining("guide.md:2")
        .hasMessageContaining("complete compilation unit");
  }

  @Test
  void anUnclosedBlock_isReported() {
    assertThatThrownBy(() -> Markdown.parse("guide.md", List.of("text", "```java", "class A {}")))
        .hasMessageContaining("guide.md:2: this code block is never closed");
  }
}
