package dev.portcullis.auth.testkit.docs;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Markdown code blocks with the JDK's compiler, against the test class path. */
final class InProcessCompiler {

  private InProcessCompiler() {}

  /**
   * Compiles {@code blocks} together into {@code dir}/classes.
   *
   * @return the class output directory
   * @throws AssertionError listing every error with the Markdown file and line it comes from
   */
  static Path compile(List<Markdown.Block> blocks, Path dir) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new AssertionError("no Java compiler: run the tests on a JDK, not a JRE");
    }
    try {
      Path sources = Files.createDirectories(dir.resolve("sources"));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      Map<Path, Markdown.Block> origin = new HashMap<>();
      for (Markdown.Block block : blocks) {
        Path pkg = sources.resolve(block.packageName().replace('.', File.separatorChar));
        Path file = Files.createDirectories(pkg).resolve(block.typeName() + ".java");
        if (origin.containsKey(file.toAbsolutePath())) {
          throw new AssertionError(
              block.where()
                  + ": "
                  + block.qualifiedName()
                  + " is already declared at "
                  + origin.get(file.toAbsolutePath()).where());
        }
        Files.writeString(file, block.code(), StandardCharsets.UTF_8);
        origin.put(file.toAbsolutePath(), block);
      }
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      StringWriter output = new StringWriter();
      boolean ok;
      try (StandardJavaFileManager files =
          javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        List<String> options =
            List.of(
                "-d",
                classes.toString(),
                "-classpath",
                testClassPath(),
                "-proc:none",
                "-encoding",
                "UTF-8",
                "--release",
                "17");
        ok =
            javac
                .getTask(
                    output,
                    files,
                    diagnostics,
                    options,
                    null,
                    files.getJavaFileObjectsFromPaths(origin.keySet()))
                .call();
      }
      if (!ok) {
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
          if (d.getKind() != Diagnostic.Kind.ERROR) {
            continue;
          }
          Markdown.Block block =
              d.getSource() == null ? null : origin.get(Path.of(d.getSource().toUri()));
          String where =
              block == null
                  ? "?"
                  : block.file() + ":" + (block.firstLine() + d.getLineNumber() - 1);
          errors.add(where + ": " + d.getMessage(Locale.ROOT));
        }
        throw new AssertionError(
            "the Java examples do not compile:\n  "
                + String.join("\n  ", errors)
                + (output.toString().isBlank() ? "" : "\n" + output));
      }
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The class path the tests run with. Surefire may start the test JVM with a manifest-only jar, in
   * which case it publishes the real class path as {@code surefire.test.class.path}.
   */
  static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }
}
