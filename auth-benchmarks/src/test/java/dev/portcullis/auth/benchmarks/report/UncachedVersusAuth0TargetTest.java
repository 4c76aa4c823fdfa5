package dev.portcullis.auth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 17, target 5 (T11): uncached HS256 verification at most auth0 java-jwt's time. */
final class UncachedVersusAuth0TargetTest {

  @TempDir Path dir;

  private Targets.Outcome t11(double portcullisNanos, double auth0Nanos) throws IOException {
    Path json = dir.resolve("jmh.json");
    Files.writeString(
        json,
        String.format(
            Locale.ROOT,
            """
            [{"benchmark": "dev.portcullis.auth.benchmarks.VerifyHs256Benchmark.portcullisUncached",
              "params": {}, "forks": 1, "threads": 1,
              "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "ns/op",
                "rawData": [[%s]]}},
             {"benchmark": "dev.portcullis.auth.benchmarks.VerifyHs256Benchmark.auth0",
              "params": {}, "forks": 1, "threads": 1,
              "primaryMetric": {"score": %s, "scoreError": %s, "scoreUnit": "ns/op",
                "rawData": [[%s]]}}]
            """,
            portcullisNanos,
            portcullisNanos * 0.02,
            portcullisNanos,
            auth0Nanos,
            auth0Nanos * 0.02,
            auth0Nanos));
    return new Targets(JmhResult.read(json), List.of())
        .evaluate().stream().filter(o -> o.id().equals("T11")).findFirst().orElseThrow();
  }

  @Test
  void met_whenUncachedVerificationTakesAtMostAuth0sTime() throws IOException {
    Targets.Outcome o = t11(2_800, 3_000);

    assertThat(o.status()).isEqualTo(Targets.Status.MET);
    assertThat(o.text()).isEqualTo("Uncached HS256 verification at most auth0 java-jwt's time");
    assertThat(o.measured()).startsWith("Portcullis uncached / auth0 java-jwt = 0.93");
    assertThat(o.benchmarks())
        .containsExactly(
            "VerifyHs256Benchmark.portcullisUncached",
            "VerifyHs256Benchmark.auth0",
            "VerifyHs256Benchmark.portcullisUncachedWithoutRevocation");
  }

  @Test
  void notMet_whenSlower_andBorderlineWhenTheErrorBarsReachAcross() throws IOException {
    assertThat(t11(5_500, 2_970).status()).isEqualTo(Targets.Status.NOT_MET);
    assertThat(t11(3_030, 3_000).borderline()).isTrue();
  }

  @Test
  void missing_withoutAuth0sFigure() throws IOException {
    Files.writeString(dir.resolve("jmh.json"), "[]");

    assertThat(
            new Targets(JmhResult.read(dir.resolve("jmh.json")), List.of())
                .evaluate().stream()
                    .filter(o -> o.id().equals("T11"))
                    .findFirst()
                    .orElseThrow()
                    .status())
        .isEqualTo(Targets.Status.MISSING);
  }
}
