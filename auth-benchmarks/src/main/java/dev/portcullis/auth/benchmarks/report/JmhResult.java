package dev.portcullis.auth.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One benchmark's result from JMH's JSON output ({@code -rf json}), with its score converted to
 * nanoseconds per operation.
 *
 * @param benchmark the full name, {@code package.Class.method}
 * @param params the {@code @Param} values, in JMH's order
 * @param nanosPerOp the score as nanoseconds per operation (one thread)
 * @param errorNanos the half-width of JMH's 99.9% confidence interval, in ns; NaN when JMH has too
 *     few iterations to compute one
 * @param secondary secondary metrics (profilers): name to score, in their own units
 * @param secondaryUnits the unit of each secondary metric
 * @param jdkVersion the JDK of the forked benchmark JVM
 * @param vmName the VM's name
 * @param vmVersion the VM's version
 * @param iterations a short description of forks, warmup and measurement
 * @param forkNanos the mean of each fork's measured iterations, in ns per operation, in fork order
 */
public record JmhResult(
    String benchmark,
    Map<String, String> params,
    double nanosPerOp,
    double errorNanos,
    Map<String, Double> secondary,
    Map<String, String> secondaryUnits,
    String jdkVersion,
    String vmName,
    String vmVersion,
    String iterations,
    List<Double> forkNanos) {

  public JmhResult {
    forkNanos = List.copyOf(forkNanos);
  }

  /** The median of the fork means; the score when there are none. */
  public double medianForkNanos() {
    if (forkNanos.isEmpty()) {
      return nanosPerOp;
    }
    List<Double> sorted = forkNanos.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /**
   * The spread between forks: (slowest fork mean - fastest) / median, so 0.1 is 10 %; NaN with
   * fewer than two forks. A JIT that compiles a loop differently from one JVM start to the next
   * shows here, not in the error bars of one fork.
   */
  public double forkSpread() {
    if (forkNanos.size() < 2) {
      return Double.NaN;
    }
    double min = forkNanos.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double max = forkNanos.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return (max - min) / medianForkNanos();
  }

  private static final String PACKAGE = "dev.portcullis.auth.benchmarks.";

  /**
   * The short key used in the catalogue: {@code Class.method}, then {@code :name=value,...} when
   * the benchmark has parameters.
   */
  public String key() {
    return key(benchmark, params);
  }

  /** The key of a benchmark name and its parameters. */
  public static String key(String benchmark, Map<String, String> params) {
    String name = benchmark.startsWith(PACKAGE) ? benchmark.substring(PACKAGE.length()) : benchmark;
    if (params.isEmpty()) {
      return name;
    }
    StringJoiner j = new StringJoiner(",", name + ":", "");
    params.forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** Operations per second of the one thread that ran it. */
  public double opsPerSecond() {
    return 1e9 / nanosPerOp;
  }

  /** Reads every result of a JMH JSON file. */
  public static List<JmhResult> read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode n : root) {
      Map<String, String> params = new LinkedHashMap<>();
      JsonNode p = n.path("params");
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
      JsonNode primary = n.path("primaryMetric");
      String unit = primary.path("scoreUnit").asText();
      double score = number(primary.path("score"));
      double error = number(primary.path("scoreError"));
      double nanos = toNanosPerOp(score, unit);
      double errorNanos = Double.isNaN(error) ? Double.NaN : nanos * Math.abs(error / score);
      Map<String, Double> secondary = new LinkedHashMap<>();
      Map<String, String> units = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.path("secondaryMetrics").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        secondary.put(e.getKey(), number(e.getValue().path("score")));
        units.put(e.getKey(), e.getValue().path("scoreUnit").asText());
      }
      List<Double> forks = new ArrayList<>();
      for (JsonNode fork : primary.path("rawData")) {
        double sum = 0;
        int count = 0;
        for (JsonNode iteration : fork) {
          sum += number(iteration);
          count++;
        }
        if (count > 0) {
          forks.add(toNanosPerOp(sum / count, unit));
        }
      }
      String iterations =
          String.format(
              Locale.ROOT,
              "%d fork(s), %d thread(s), warmup %d x %s, measurement %d x %s",
              n.path("forks").asInt(),
              n.path("threads").asInt(),
              n.path("warmupIterations").asInt(),
              n.path("warmupTime").asText(),
              n.path("measurementIterations").asInt(),
              n.path("measurementTime").asText());
      results.add(
          new JmhResult(
              n.path("benchmark").asText(),
              params,
              nanos,
              errorNanos,
              secondary,
              units,
              n.path("jdkVersion").asText(),
              n.path("vmName").asText(),
              n.path("vmVersion").asText(),
              iterations,
              forks));
    }
    return results;
  }

  private static double number(JsonNode n) {
    if (n.isNumber()) {
      return n.asDouble();
    }
    // JMH writes "NaN" as a string.
    try {
      return Double.parseDouble(n.asText());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** Converts a JMH score to nanoseconds per operation. */
  static double toNanosPerOp(double score, String unit) {
    return switch (unit) {
      case "ns/op" -> score;
      case "us/op" -> score * 1e3;
      case "ms/op" -> score * 1e6;
      case "s/op" -> score * 1e9;
      case "ops/ns" -> 1 / score;
      case "ops/us" -> 1e3 / score;
      case "ops/ms" -> 1e6 / score;
      case "ops/s" -> 1e9 / score;
      default -> throw new IllegalArgumentException("unknown JMH score unit '" + unit + "'");
    };
  }
}
