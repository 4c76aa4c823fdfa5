package dev.portcullis.auth.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.http.RequestLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's curl session and {@code auth-server/quickstart.sh}, run with {@code sh} and {@code
 * curl} against a real server on a loopback port, as a newcomer would run them.
 */
final class ReadmeSessionTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path QUICKSTART = Path.of("quickstart.sh");

  @TempDir static Path dataDir;
  private static PortcullisServer server;

  @BeforeAll
  static void start() {
    server =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory"))
            .dataDir(dataDir)
            .requestLog(RequestLog.none())
            .build()
            .start(0);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private static String hostPort() {
    return "127.0.0.1:" + server.uri().getPort();
  }

  /** The first sh block after the "Try the server" heading. */
  private static String readmeSession() throws IOException {
    String readme = Files.readString(README);
    int section = readme.indexOf("## Try the server");
    assertThat(section).as("the README's 'Try the server' section").isNotNegative();
    Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertThat(block.find(section)).as("an sh block in that section").isTrue();
    return block.group(1);
  }

  private record Run(int code, String out) {}

  private static Run sh(String script, String... env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
    for (int i = 0; i + 1 < env.length; i += 2) {
      pb.environment().put(env[i], env[i + 1]);
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError("sh is needed to run the README's session", e);
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the script finished").isTrue();
    return new Run(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void readmeCurlSession_answersWhatItsCommentsSay() throws Exception {
    String session = readmeSession().replace("localhost:8080", hostPort());
    // Each curl also prints its status, so the answers can be checked against the comments.
    String withStatus =
        "command -v curl >/dev/null || { echo 'curl is not installed'; exit 127; }\n"
            + "curl() { command curl -w ' HTTP:%{http_code}\\n' \"$@\"; }\n"
            + "set -e\n"
            + session;
    Run run = sh(withStatus);
    assertThat(run.code()).as(run.out()).isZero();
    List<String> statuses =
        Pattern.compile("HTTP:(\\d{3})").matcher(run.out()).results().map(m -> m.group(1)).toList();
    // register, me, logout, me (the login and the refresh are captured into $tokens).
    assertThat(statuses).as(run.out()).containsExactly("201", "200", "204", "401");
    assertThat(run.out()).contains("ada@example.com").contains("token_revoked");
  }

  @Test
  void quickstartScript_passesEveryStep() throws Exception {
    Run run =
        sh(
            "command -v curl >/dev/null || { echo 'curl is not installed'; exit 127; }\n"
                + "sh "
                + QUICKSTART.toAbsolutePath(),
            "BASE",
            "http://" + hostPort());
    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("OK: registered, logged in, refreshed, logged out");
  }
}
