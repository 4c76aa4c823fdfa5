package dev.portcullis.auth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a real flight recording; how many samples it holds depends on the machine. */
final class JfrProfileTest {

  @TempDir Path dir;

  @Test
  void a_recording_becomes_activities_and_hot_methods() throws Exception {
    Path file = dir.resolve("busy.jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      r.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
      r.start();
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] data = new byte[1 << 16];
      long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
      while (System.nanoTime() < until) {
        data = java.util.Arrays.copyOf(sha.digest(data), 1 << 16);
      }
      r.stop();
      r.dump(file);
    }

    JfrProfile p = JfrProfile.read(file);

    assertThat(p.samples()).isNotNegative();
    assertThat(p.components())
        .containsKey(JfrProfile.OTHER)
        .hasSize(JfrProfile.COMPONENTS.size() + 1);
    assertThat(p.components().values().stream().mapToDouble(Double::doubleValue).sum())
        .isBetween(p.samples() == 0 ? 0.0 : 0.999, 1.001);
    assertThat(p.hotMethods().size()).isLessThanOrEqualTo(10);
    assertThat(p.markdown())
        .contains("execution samples")
        .contains("| Hottest methods (self) | Share |");
  }
}
