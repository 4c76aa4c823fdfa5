package dev.portcullis.auth.benchmarks.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The machine a run used, as {@code bench/run} records it in {@code machine.properties} before and
 * after the run (cores, CPU model, memory, kernel, load average, commit). Missing keys fall back to
 * what this JVM sees now.
 */
public record Machine(Map<String, String> values) {

  /** The keys shown, in order, with their labels. */
  static final List<String[]> SHOWN =
      List.of(
          new String[] {"cpu.model", "CPU"},
          new String[] {"cpu.cores", "Cores (nproc)"},
          new String[] {"memory", "Memory"},
          new String[] {"os", "OS / kernel"},
          new String[] {"java", "JDK (java -version)"},
          new String[] {"load.before", "Load average before the run (1/5/15 min)"},
          new String[] {"load.after", "Load average after the run"},
          new String[] {"started", "Started"},
          new String[] {"finished", "Finished"},
          new String[] {"commit", "Commit"},
          new String[] {"command", "Command"});

  /** Reads {@code file} if it exists, and fills in what is missing from this JVM and /proc. */
  public static Machine read(Path file) throws IOException {
    Map<String, String> v = new LinkedHashMap<>();
    if (file != null && Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String name : p.stringPropertyNames()) {
        v.put(name, p.getProperty(name).trim());
      }
    }
    v.putIfAbsent("cpu.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    v.putIfAbsent("cpu.model", cpuModel());
    v.putIfAbsent(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    v.putIfAbsent("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return new Machine(Map.copyOf(v));
  }

  /** A value, or "unknown". */
  public String get(String key) {
    String s = values.get(key);
    return s == null || s.isBlank() ? "unknown" : s;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: say so below
    }
    return "unknown";
  }
}
