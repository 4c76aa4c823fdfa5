package dev.portcullis.auth.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.benchmarks.load.LoadResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a fixed, small JMH result file. */
final class ReportTest {

  @TempDir Path dir;

  @BeforeEach
  void copyFixture() throws IOException {
    for (String name : List.of("jmh.json", "profile.json", "profile.log", "machine.properties")) {
      try (InputStream in = ReportTest.class.getResourceAsStream("/report/" + name)) {
        Files.copy(in, dir.resolve(name));
      }
    }
  }

  private String render() throws IOException {
    Path analysis = dir.resolve("analysis.md");
    Files.writeString(
        analysis,
        "General notes.\n\n## T3: uncached\n\nThe revocation lookup costs the difference.\n"
            + "\n## T7\n\nClock reads dominate revokeToken.\n");
    return Report.render(dir, analysis, null);
  }

  @Test
  void scores_are_converted_to_nanoseconds_whatever_jmh_unit() throws IOException {
    Map<String, Double> nanos =
        JmhResult.read(dir.resolve("jmh.json")).stream()
            .collect(java.util.stream.Collectors.toMap(JmhResult::key, JmhResult::nanosPerOp));

    assertThat(nanos)
        .containsEntry("VerifyHs256Benchmark.jjwt", 5_000.0)
        .containsEntry("LoginBenchmark.rawArgon2id", 50_000_000.0)
        .containsEntry("VerifyAsymmetricBenchmark.jdkVerify:alg=ES256", 100_000.0);
  }

  @Test
  void every_figure_is_a_ratio_to_its_groups_reference() throws IOException {
    String md = render();

    assertThat(md)
        .contains("| Floor: raw HMAC-SHA256 of the signing input + constant-time compare | 500 ns")
        .contains("1.00 (reference)")
        // jjwt 5000 ns / floor 500 ns, errors 2% and 2% in quadrature
        .contains("| jjwt 0.12.6 alone | 5.00 µs | ± 2.0% | 1 fork | 200,000 | 10.00 ± 0.28 |")
        // no error estimate on either side: the ratio alone
        .contains("| Portcullis, uncached | 110 µs | n/a | 1 fork | 9,091 | 1.10 |");
  }

  @Test
  void targets_are_marked_met_or_not_met() throws IOException {
    String md = render();

    assertThat(md)
        .contains("| T1 | Cached verification at most 0.5 µs | 400 ns per verification")
        .containsPattern("\\| T1 \\|.*\\| \\*\\*MET\\*\\* \\|")
        .containsPattern("\\| T2 \\|.*nimbus / Portcullis cached = 20.00.*\\| \\*\\*MET\\*\\* \\|")
        .containsPattern(
            "\\| T3 \\|.*Portcullis uncached / jjwt = 1.40.*\\| \\*\\*NOT MET\\*\\* \\|")
        .containsPattern("\\| T4 \\|.*= 1.02.*\\| \\*\\*MET\\*\\* \\|")
        .containsPattern("\\| T5 \\|.*unknown / wrong = 1.20.*\\| \\*\\*NOT MET\\*\\* \\|")
        .containsPattern("\\| T6 \\|.*\\| \\*\\*MET\\*\\* \\|")
        .containsPattern(
            "\\| T7 \\|.*Blacklist: revokeToken, 500,000 ops/s.*\\| \\*\\*NOT MET\\*\\* \\|");
  }

  @Test
  void end_to_end_targets_are_pending_without_load_results() throws IOException {
    String md = render();

    assertThat(md)
        .containsPattern("\\| T8a \\|.*the bar is 18.0 logins/s per core \\| pending \\(item 6\\)")
        .containsPattern(
            "\\| T9 \\|.*runs at 2,500/s on one core with HS256, 500/s with EdDSA.*\\|"
                + " pending \\(item 6\\)")
        .contains("**Not run in this run**");
  }

  @Test
  void end_to_end_results_are_judged_when_present() throws IOException {
    new LoadResult(
            "refresh",
            "default",
            "http://127.0.0.1:8080",
            8,
            10,
            30_000,
            30_000,
            0,
            Map.of("200", 30_000L),
            3_000,
            2,
            1_500,
            1,
            2,
            3,
            4,
            "2026-01-01T00:00:00Z",
            0)
        .write(dir.resolve("e2e-refresh.json"));

    String md = render();

    assertThat(md)
        .containsPattern(
            "\\| T9 \\|.*1,500 refreshes/s per core over HTTP with the server.s default.*\\| \\*\\*MET\\*\\* \\|")
        .contains("| refresh | default | 8 | 10.0 | 30000 | 30000 | 0 | 3,000 | 1,500 |");
  }

  private void oauthResult(String scenario, long ok, double perCore) throws IOException {
    new LoadResult(
            scenario,
            "default",
            "http://127.0.0.1:8080",
            16,
            10,
            ok + 2,
            ok,
            2,
            Map.of("200", ok, "503", 2L),
            perCore,
            1,
            perCore,
            1,
            2,
            3,
            4,
            "2026-01-01T00:00:00Z",
            0)
        .write(dir.resolve("e2e-" + scenario + "-default.json"));
  }

  @Test
  void oauth_targets_are_pending_without_their_scenarios() throws IOException {
    String md = render();

    assertThat(md)
        .containsPattern(
            "\\| T12 \\| Client-credentials grants per core at least 10x Keycloak's published"
                + " 120/s per vCPU \\(1,200/s\\) \\|.*\\| pending \\(item 6\\)")
        .containsPattern(
            "\\| T13 \\| Token introspections per core at least 5,000/s \\|.*\\| pending");
  }

  @Test
  void oauth_targets_are_judged_per_core_and_their_runs_are_in_the_e2e_table() throws IOException {
    oauthResult("client-credentials", 12_000, 1_200);
    oauthResult("introspect", 40_000, 4_000);

    String md = render();

    assertThat(md)
        .containsPattern(
            "\\| T12 \\|.*1,200 grants/s per core over HTTP.*\\(2 failed\\).*\\| \\*\\*MET\\*\\* \\|")
        .containsPattern(
            "\\| T13 \\|.*4,000 introspections/s per core over HTTP.*\\| \\*\\*NOT MET\\*\\* \\|")
        .contains(
            "| client-credentials | default | 16 | 10.0 | 12002 | 12000 | 2 | 1,200 | 1,200 |")
        .contains("| introspect | default | 16 | 10.0 | 40002 | 40000 | 2 | 4,000 | 4,000 |");
  }

  private void e2e(String scenario, String label, double perCore) throws IOException {
    new LoadResult(
            scenario,
            label,
            "http://127.0.0.1:8080",
            8,
            10,
            (long) (10 * perCore),
            (long) (10 * perCore),
            0,
            Map.of("200", (long) (10 * perCore)),
            perCore,
            1,
            perCore,
            1,
            2,
            3,
            4,
            "2026-01-01T00:00:00Z",
            0)
        .write(dir.resolve("e2e-" + scenario + "-" + label + ".json"));
  }

  @Test
  void the_collectors_are_compared_as_ratios_to_serial_from_the_same_run() throws IOException {
    e2e("login", "default", 20);
    e2e("login", "gc-parallel", 22);
    e2e("login", "gc-g1", 18);
    e2e("refresh", "default", 1_000);
    e2e("refresh", "gc-parallel", 900);

    String md = render();

    assertThat(md)
        .contains("### Garbage collectors")
        .contains("| login | Serial (default) | 20.0 | 1.00 |")
        .contains("| login | Parallel | 22.0 | 1.10 |")
        .contains("| login | G1 | 18.0 | 0.90 |")
        .contains("| login | fastest here: Parallel |")
        .contains("| refresh | Parallel | 900 | 0.90 |")
        .contains("| refresh | fastest here: Serial |")
        .containsPattern("\\| T8a \\|.*20.0 logins/s per core over HTTP; the bar is 18.0");
  }

  @Test
  void without_other_collectors_there_is_no_comparison() throws IOException {
    e2e("login", "default", 20);

    assertThat(render()).doesNotContain("### Garbage collectors");
  }

  @Test
  void the_es256_label_is_shown_beside_the_default_keys_figure() throws IOException {
    e2e("refresh", "default", 700);
    e2e("refresh", "es256", 1_500);
    e2e("client-credentials", "default", 650);
    e2e("client-credentials", "es256", 1_400);

    assertThat(render())
        .containsPattern(
            "\\| T9 \\|.*700 refreshes/s per core over HTTP with the server.s default \\(RS256\\)"
                + " key; 1,500/s with an ES256 key.*\\| \\*\\*NOT MET\\*\\* \\|")
        .containsPattern(
            "\\| T12 \\|.*650 grants/s per core over HTTP with the server.s default \\(RS256\\)"
                + " key \\(0 failed\\); 1,400/s with an ES256 key.*\\| \\*\\*NOT MET\\*\\* \\|");
  }

  @Test
  void a_smoke_run_says_so_and_the_machine_is_described() throws IOException {
    String md = render();

    assertThat(md)
        .contains("**SMOKE RUN — not the full run.**")
        .contains("| CPU | Test CPU @ 2.0GHz |")
        .contains("| Cores (nproc) | 2 |")
        .contains("| Benchmark JVM | OpenJDK 64-Bit Server VM 17.0.15+6 (JDK 17.0.15) |");
  }

  @Test
  void unmet_targets_get_their_profile_and_their_analysis() throws IOException {
    String md = render();

    assertThat(md)
        .contains("| Blacklist: revokeToken [clock=system] | 2.10 µs | 344 B/op | n/a |")
        .contains("| Blacklist: revokeToken [clock=coarse] | 1.20 µs | 320 B/op | n/a |")
        .contains(" 60.0%  java.time.Clock.currentInstant")
        .contains("General notes.")
        .contains("The revocation lookup costs the difference.")
        .contains("Clock reads dominate revokeToken.")
        .contains("No analysis is written for this target yet")
        .doesNotContain("<stack is empty");
  }

  @Test
  void the_profiling_pattern_names_the_benchmarks_behind_unmet_targets() throws IOException {
    String pattern = Report.unmetPattern(dir);

    assertThat(pattern)
        .startsWith("^\\Qdev.portcullis.auth.benchmarks.\\E(")
        .contains("\\QVerifyHs256Benchmark.portcullisUncached\\E")
        .contains("\\QLoginBenchmark.loginUnknownUser\\E")
        .contains("\\QMemoryStoreBenchmark.blacklistRevokeToken\\E")
        .doesNotContain("portcullisCached")
        .doesNotContain("blacklistCheck");
    assertThat("dev.portcullis.auth.benchmarks.MemoryStoreBenchmark.blacklistRevokeToken")
        .containsPattern(pattern);
  }

  @Test
  void analysis_sections_are_keyed_by_target_id() {
    Map<String, String> sections =
        Report.sections(List.of("intro", "## T1: cached", "one", "## T8a.", "two"));

    assertThat(sections)
        .containsEntry("", "intro\n")
        .containsEntry("T1", "one\n")
        .containsEntry("T8a", "two\n");
  }
}
