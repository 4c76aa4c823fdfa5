package dev.portcullis.auth.testkit.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.commons.annotation.Testable;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Every {@code ```java} block of docs/testing.md is a complete compilation unit; together they
 * compile against the test class path, and every JUnit test class among them runs and passes. So
 * the guide cannot drift from the API it documents.
 */
final class DocsExamplesTest {

  private static final String GUIDE = "docs/testing.md";

  @Test
  void testingGuideExamples_compileAndTheirTestsPass(@TempDir Path dir) throws Exception {
    Markdown guide = Markdown.read(Markdown.repositoryRoot(), GUIDE);
    List<Markdown.Block> java = guide.blocks("java");
    assertThat(java).as("```java blocks in %s", GUIDE).isNotEmpty();

    Path classes = InProcessCompiler.compile(java, dir);

    List<String> ran = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, DocsExamplesTest.class.getClassLoader())) {
      for (Markdown.Block block : java) {
        Class<?> type = loader.loadClass(block.qualifiedName());
        if (!hasTests(type)) {
          continue;
        }
        TestExecutionSummary summary = run(type);
        ran.add(block.typeName() + " (" + summary.getTestsSucceededCount() + " tests)");
        if (summary.getTestsFoundCount() == 0) {
          problems.add(block.where() + ": " + block.typeName() + " has tests but none ran");
        }
        if (summary.getTotalFailureCount() > 0 || summary.getTestsSkippedCount() > 0) {
          StringWriter report = new StringWriter();
          summary.printFailuresTo(new PrintWriter(report), 12);
          problems.add(
              block.where()
                  + ": "
                  + block.typeName()
                  + " has "
                  + summary.getTotalFailureCount()
                  + " failures and "
                  + summary.getTestsSkippedCount()
                  + " skipped tests\n"
                  + report);
        }
      }
    }

    assertThat(problems).as("tests of %s", GUIDE).isEmpty();
    assertThat(ran).as("test classes of %s that ran", GUIDE).isNotEmpty();
  }

  /** Whether a class or one of its nested classes has a JUnit test method. */
  private static boolean hasTests(Class<?> type) {
    for (Method m : type.getDeclaredMethods()) {
      for (var a : m.getAnnotations()) {
        if (a.annotationType().isAnnotationPresent(Testable.class)) {
          return true;
        }
      }
    }
    for (Class<?> nested : type.getDeclaredClasses()) {
      if (hasTests(nested)) {
        return true;
      }
    }
    return false;
  }

  private static TestExecutionSummary run(Class<?> type) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(type))
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    return listener.getSummary();
  }
}
