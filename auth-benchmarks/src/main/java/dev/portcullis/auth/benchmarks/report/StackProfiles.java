package dev.portcullis.auth.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the hottest RUNNABLE stacks that JMH's {@code -prof stack} profiler prints into the run's
 * text log (its JSON output has no room for them), per benchmark.
 *
 * <p>The profiler samples every thread of the benchmark JVM and filters JMH's own frames, so a
 * harness thread that is always runnable shows up as {@code <stack is empty, everything is
 * filtered?>}, often half of the RUNNABLE samples. That entry is dropped and the others are given
 * as shares of the remaining RUNNABLE samples: those of the benchmark thread.
 */
public final class StackProfiles {

  private static final String RUNNABLE = "....[Thread state: RUNNABLE]";
  private static final String EMPTY = "<stack is empty, everything is filtered?>";
  private static final Pattern ENTRY = Pattern.compile("^\\s*([0-9.]+)%\\s+([0-9.]+)%\\s(.*)$");

  private StackProfiles() {}

  /** The RUNNABLE section of each profiled benchmark, keyed like {@link JmhResult#key()}. */
  public static Map<String, String> read(Path log) throws IOException {
    return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
  }

  /** As {@link #read}, from the lines of a log. */
  public static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    String benchmark = null;
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# Benchmark: ")) {
        benchmark = line.substring("# Benchmark: ".length()).trim();
        params = new LinkedHashMap<>();
      } else if (line.startsWith("# Parameters: (") && line.endsWith(")")) {
        params = new LinkedHashMap<>();
        String inner = line.substring("# Parameters: (".length(), line.length() - 1);
        for (String pair : inner.split(",")) {
          int eq = pair.indexOf('=');
          if (eq > 0) {
            params.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
          }
        }
      } else if (line.startsWith(RUNNABLE) && benchmark != null) {
        List<String> block = new ArrayList<>();
        int j = i + 1;
        for (; j < lines.size(); j++) {
          String l = lines.get(j);
          if (l.startsWith("....[")
              || l.startsWith("#")
              || l.startsWith("Secondary result")
              || l.startsWith("Result ")
              || l.startsWith("Iteration ")) {
            break;
          }
          block.add(l);
        }
        out.put(JmhResult.key(benchmark, params), renormalise(block));
        i = j - 1;
      }
    }
    return out;
  }

  /** Drops the harness thread's entry and rescales the others to the rest of the samples. */
  private static String renormalise(List<String> block) {
    double harness = 0;
    for (String l : block) {
      Matcher m = ENTRY.matcher(l);
      if (m.matches() && m.group(3).trim().equals(EMPTY)) {
        harness += Double.parseDouble(m.group(2));
      }
    }
    double scale = harness >= 100 ? 1 : 100 / (100 - harness);
    List<String> out = new ArrayList<>();
    boolean skipping = false;
    for (String l : block) {
      Matcher m = ENTRY.matcher(l);
      if (m.matches()) {
        skipping = m.group(3).trim().equals(EMPTY);
        if (!skipping) {
          double share = Double.parseDouble(m.group(2)) * scale;
          out.add(String.format(Locale.ROOT, "%5.1f%%  %s", share, m.group(3).trim()));
        }
      } else if (!skipping) {
        String t = l.strip();
        out.add(t.isEmpty() ? "" : "        " + t);
      }
    }
    while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
      out.remove(out.size() - 1);
    }
    while (!out.isEmpty() && out.get(0).isBlank()) {
      out.remove(0);
    }
    return String.join("\n", out);
  }
}
