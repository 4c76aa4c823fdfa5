package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.auth.server.TestConfigs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as an operator runs it, in a process of its own ({@code java ... Main serve}): its
 * logging backend, its log format and {@code serve --host}.
 */
final class LauncherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_SECRET = "admin-secret-for-the-launcher-test-0123456789";
  private static final String METRICS_TOKEN = "metrics-token-for-the-launcher-test-9876543210";

  @TempDir Path dataDir;

  @Test
  void serve_withJsonLogs_writesEveryLineAsOneJsonObject_librariesIncluded_andNoSecret()
      throws Exception {
    List<String> lines =
        serveUntilListening(
            "AUTH_SERVER_LOG_FORMAT",
            "json",
            // auth-core's AuthModule warns at start that bcrypt cuts passwords at 72 bytes.
            "AUTH_HASHING_ALGORITHM",
            "bcrypt",
            "AUTH_SERVER_ADMIN_SECRET",
            ADMIN_SECRET,
            "AUTH_SERVER_METRICS_TOKEN",
            METRICS_TOKEN);

    List<JsonNode> events = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as(line).isTrue();
      assertThat(node.has("timestamp") && node.has("level") && node.has("logger"))
          .as(line)
          .isTrue();
      assertThat(node.path("message").isTextual()).as(line).isTrue();
      events.add(node);
    }
    assertThat(events)
        .as("a warning of a library class (not the server's)")
        .anySatisfy(
            e -> {
              assertThat(e.path("level").asText()).isEqualTo("WARN");
              assertThat(e.path("logger").asText())
                  .startsWith("dev.portcullis.auth.")
                  .doesNotStartWith("dev.portcullis.auth.server");
              assertThat(e.path("message").asText()).contains("bcrypt");
            });
    assertThat(events)
        .anySatisfy(e -> assertThat(e.path("message").asText()).contains("listening on"));
    assertThat(String.join("\n", lines)).doesNotContain(ADMIN_SECRET).doesNotContain(METRICS_TOKEN);
  }

  @Test
  void serve_host_bindsTheGivenInterface() throws Exception {
    List<String> lines = serveUntilListening();

    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).contains("[INFO]").contains("listening on http://127.0.0.1:"));
  }

  /**
   * auth-server is in the BOM and embeddable: an application that depends on it must keep its own
   * SLF4J backend, so every logging backend in this module's POM is optional or test-scoped (the
   * shaded launcher jar still packs it).
   */
  @Test
  void theEmbeddableArtifact_passesNoLoggingBackendOn() throws Exception {
    var pom =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile());
    var deps = pom.getElementsByTagName("dependency");
    List<String> backends = new ArrayList<>();
    for (int i = 0; i < deps.getLength(); i++) {
      var dep = (org.w3c.dom.Element) deps.item(i);
      String artifact = text(dep, "artifactId");
      if (artifact.matches("slf4j-(simple|jdk14|reload4j|nop)|logback-classic|log4j-slf4j2?-impl")
          || artifact.startsWith("logstash-logback")) {
        backends.add(artifact);
        assertThat("true".equals(text(dep, "optional")) || "test".equals(text(dep, "scope")))
            .as(artifact + " is optional or test-scoped")
            .isTrue();
      }
    }
    assertThat(backends).contains("logback-classic").doesNotContain("slf4j-simple");
  }

  private static String text(org.w3c.dom.Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
  }

  /**
   * Runs {@code serve --host 127.0.0.1 --port 0} with the test settings and {@code env}, and
   * returns its standard error up to the line that says it listens; then stops it.
   */
  private List<String> serveUntilListening(String... env) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--data-dir",
            dataDir.toString());
    Map<String, String> environment = pb.environment();
    environment.clear();
    environment.putAll(TestConfigs.environment(env));
    environment.put("AUTH_SERVER_STORE", "memory");
    Process process = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        lines.add(line);
        if (line.contains("listening on")) {
          break;
        }
      }
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    assertThat(lines).as("the server said it listens").anyMatch(l -> l.contains("listening on"));
    return lines;
  }
}
