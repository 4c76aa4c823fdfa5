package dev.portcullis.auth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JmhResultTest {

  @TempDir Path dir;

  @Test
  void forksAreSummarisedByTheMedianOfTheirMeansAndTheSpreadBetweenThem() throws IOException {
    // Five forks of a hash in ms/op; the fourth drew the slow JIT shape.
    Path json = dir.resolve("jmh.json");
    Files.writeString(
        json,
        """
        [{"benchmark": "dev.portcullis.auth.benchmarks.Argon2Benchmark.portcullis",
          "params": {"settings": "owasp"}, "forks": 5, "threads": 1,
          "primaryMetric": {"score": 36.0, "scoreError": 10.0, "scoreUnit": "ms/op",
            "rawData": [[29.0, 31.0], [30.0, 30.0], [31.0, 31.0], [60.0, 60.0], [30.0, 32.0]]}}]
        """);

    JmhResult result = JmhResult.read(json).get(0);

    assertThat(result.forkNanos()).containsExactly(30e6, 30e6, 31e6, 60e6, 31e6);
    assertThat(result.medianForkNanos()).isEqualTo(31e6);
    assertThat(result.forkSpread()).isCloseTo(30.0 / 31.0, within(1e-9));
  }

  @Test
  void oneForkHasNoSpread() {
    JmhResult result =
        new JmhResult(
            "b",
            java.util.Map.of(),
            5,
            1,
            java.util.Map.of(),
            java.util.Map.of(),
            "",
            "",
            "",
            "",
            List.of(5.0));

    assertThat(result.medianForkNanos()).isEqualTo(5.0);
    assertThat(result.forkSpread()).isNaN();
  }
}
