package dev.portcullis.auth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class StackProfilesTest {

  @Test
  void runnable_stacks_are_keyed_by_benchmark_and_parameters() {
    Map<String, String> stacks =
        StackProfiles.parse(
            List.of(
                "# Benchmark: dev.portcullis.auth.benchmarks.Argon2Benchmark.bouncyCastle",
                "# Parameters: (settings = keycloak)",
                "....[Thread state: RUNNABLE]......",
                " 33.3%  50.0% <stack is empty, everything is filtered?>",
                " 25.0%  37.5% org.example.Hot.loop",
                "              org.example.Hot.run",
                "",
                "  8.3%  12.5% <other>",
                "",
                "....[Thread state: WAITING]......",
                " 33.3% 100.0% java.lang.Object.wait"));

    assertThat(stacks).containsOnlyKeys("Argon2Benchmark.bouncyCastle:settings=keycloak");
    assertThat(stacks.get("Argon2Benchmark.bouncyCastle:settings=keycloak"))
        .isEqualTo(
            " 75.0%  org.example.Hot.loop\n"
                + "        org.example.Hot.run\n"
                + "\n"
                + " 25.0%  <other>");
  }
}
