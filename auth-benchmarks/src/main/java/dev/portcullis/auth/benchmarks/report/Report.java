package dev.portcullis.auth.benchmarks.report;

import dev.portcullis.auth.benchmarks.load.LoadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The report's command line, used by {@code bench/run}.
 *
 * <pre>
 * Report unmet --results DIR
 *     prints a JMH include pattern of the benchmarks behind every target not met in DIR/jmh.json
 *     (nothing when all are met)
 * Report write --results DIR --out FILE [--analysis FILE] [--quick]
 *     writes the Markdown report of DIR: jmh.json, and if present profile.json, profile.log,
 *     machine.properties and e2e-*.json
 * </pre>
 */
public final class Report {

  private static final String PACKAGE = "dev.portcullis.auth.benchmarks.";

  private Report() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      usage();
      return;
    }
    Map<String, String> a = options(args);
    Path results = Path.of(a.getOrDefault("results", "bench/results/full"));
    switch (args[0]) {
      case "unmet" -> {
        String pattern = unmetPattern(results);
        if (!pattern.isEmpty()) {
          System.out.println(pattern);
        }
      }
      case "write" -> {
        Path out = Path.of(a.getOrDefault("out", "docs/benchmarks.md"));
        Path analysis = a.containsKey("analysis") ? Path.of(a.get("analysis")) : null;
        String md = render(results, analysis, a.containsKey("quick") ? Boolean.TRUE : null);
        if (out.getParent() != null) {
          Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md, StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
      }
      default -> usage();
    }
  }

  private static void usage() {
    System.out.println(
        "Usage: Report unmet --results DIR\n"
            + "       Report write --results DIR --out FILE [--analysis FILE] [--quick]");
  }

  /** The JMH include pattern of the benchmarks behind the targets not met, or "" if none. */
  public static String unmetPattern(Path results) throws IOException {
    List<JmhResult> jmh = JmhResult.read(results.resolve("jmh.json"));
    List<LoadResult> e2e = new ArrayList<>();
    for (Path f : e2eFiles(results)) {
      e2e.add(LoadResult.read(f));
    }
    Set<String> methods = new LinkedHashSet<>();
    for (Targets.Outcome o : new Targets(jmh, e2e).evaluate()) {
      if (o.status() == Targets.Status.NOT_MET) {
        for (String key : o.benchmarks()) {
          int colon = key.indexOf(':');
          methods.add(Pattern.quote(colon < 0 ? key : key.substring(0, colon)));
        }
      }
    }
    if (methods.isEmpty()) {
      return "";
    }
    return "^" + Pattern.quote(PACKAGE) + "(" + String.join("|", methods) + ")$";
  }

  /**
   * The Markdown report of a results directory.
   *
   * @param quick whether it was a smoke run; null to read it from machine.properties ({@code
   *     mode=quick})
   */
  public static String render(Path results, Path analysis, Boolean quick) throws IOException {
    Machine machine = Machine.read(results.resolve("machine.properties"));
    boolean isQuick = quick != null ? quick : "quick".equals(machine.values().get("mode"));
    List<JmhResult> jmh = JmhResult.read(results.resolve("jmh.json"));
    Path profileJson = results.resolve("profile.json");
    List<JmhResult> profiled =
        Files.isRegularFile(profileJson) ? JmhResult.read(profileJson) : List.of();
    Path profileLog = results.resolve("profile.log");
    Map<String, String> stacks =
        Files.isRegularFile(profileLog) ? StackProfiles.read(profileLog) : Map.of();
    List<LoadResult> e2e = new ArrayList<>();
    Map<String, JfrProfile> e2eProfiles = new LinkedHashMap<>();
    for (Path f : e2eFiles(results)) {
      LoadResult r = LoadResult.read(f);
      e2e.add(r);
      String name = f.getFileName().toString();
      Path jfr = f.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".jfr");
      if (Files.isRegularFile(jfr)) {
        e2eProfiles.put(ReportWriter.e2eKey(r), JfrProfile.read(jfr));
      }
    }
    Map<String, String> sections =
        analysis != null && Files.isRegularFile(analysis)
            ? sections(Files.readAllLines(analysis, StandardCharsets.UTF_8))
            : Map.of();
    String generated =
        ZonedDateTime.now(ZoneOffset.UTC)
            .withNano(0)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    return new ReportWriter(
            new ReportWriter.Input(
                isQuick,
                results.toString(),
                generated,
                machine,
                jmh,
                profiled,
                stacks,
                e2e,
                e2eProfiles,
                sections))
        .write();
  }

  /** The load generator's results in {@code results}, by name. */
  private static List<Path> e2eFiles(Path results) throws IOException {
    List<Path> sorted = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(results, "e2e-*.json")) {
      files.forEach(sorted::add);
    }
    sorted.sort(null);
    return sorted;
  }

  /**
   * Splits bench/analysis.md into its preamble (key "") and one section per {@code ## T<n>}
   * heading, keyed by the target id; the heading line itself is dropped.
   */
  static Map<String, String> sections(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    String current = "";
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      if (line.startsWith("## ")) {
        out.put(current, text.toString());
        String rest = line.substring(3).trim();
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
          end++;
        }
        current = rest.substring(0, end).replaceAll("[:.]$", "");
        text = new StringBuilder();
      } else {
        text.append(line).append('\n');
      }
    }
    out.put(current, text.toString());
    return out;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i];
      if (!name.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + name);
      }
      name = name.substring(2);
      if (name.equals("quick")) {
        out.put(name, "true");
      } else if (i + 1 < args.length) {
        out.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
    }
    return out;
  }
}
