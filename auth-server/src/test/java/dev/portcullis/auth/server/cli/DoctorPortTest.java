package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor} on a port in use: the person's own server is fine, another program is a warning.
 */
final class DoctorPortTest {
  @TempDir Path dir;

  private String doctor(int port) {
    StringWriter out = new StringWriter();
    PrintWriter pw = new PrintWriter(out, true);
    Main.commandLine(new Main(TestConfigs.environment(), new ByteArrayInputStream(new byte[0])))
        .setOut(pw)
        .setErr(pw)
        .execute("doctor", "--data-dir", dir.resolve("doctor").toString(), "--port", "" + port);
    return out.toString();
  }

  @Test
  void portOfARunningPortcullis_isReportedAsThatServer_notAsAProblemOrWarning() {
    PortcullisServer server =
        PortcullisServer.builder()
            .config(TestConfigs.config("auth.server.store = memory"))
            .dataDir(dir.resolve("server"))
            .build()
            .start(0);
    try {
      String out = doctor(server.uri().getPort());
      assertThat(out).contains("in use by a running Portcullis server");
      assertThat(out).doesNotContain("another program").doesNotContain("warning");
    } finally {
      server.stop();
    }
  }

  @Test
  void portTakenByAnotherProgram_isAWarning_andTheSummarySaysSo() throws Exception {
    try (ServerSocket other = new ServerSocket()) {
      other.bind(new InetSocketAddress("0.0.0.0", 0));
      String out = doctor(other.getLocalPort());
      assertThat(out).contains("in use by another program").contains("'serve' would fail");
      assertThat(out).contains("1 warning").doesNotContain("No problems found.\n");
    }
  }
}
