package dev.portcullis.auth.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a server spent its CPU on during one end-to-end scenario, from a Java Flight Recorder file
 * ({@code jcmd PID JFR.start settings=profile}): each execution sample is counted once, for the
 * innermost component on its stack (a hash inside a metrics timer inside a Jetty handler counts as
 * hashing), then the hottest methods by self time, and the CPU load the recording saw. Unlike JMH's
 * stack profiler, JFR's sampler is not biased towards safepoints.
 *
 * @param samples execution samples (Java threads running Java code)
 * @param components component name to share of samples, in {@link #COMPONENTS} order, then {@value
 *     #OTHER}
 * @param hotMethods method to share of samples as the top frame, hottest first
 * @param jvmCpu mean CPU use of the server JVM, as a share of all the machine's cores
 * @param machineCpu mean CPU use of the whole machine
 * @param gcCount garbage collections during the recording
 * @param gcPauseMillis their total pause time
 * @param seconds the recording's length
 */
public record JfrProfile(
    int samples,
    Map<String, Double> components,
    List<Map.Entry<String, Double>> hotMethods,
    double jvmCpu,
    double machineCpu,
    int gcCount,
    double gcPauseMillis,
    double seconds) {

  /** Samples with no frame of any component: the JDK and other libraries on their own. */
  static final String OTHER = "other (JDK, other libraries)";

  /** A component, recognised by the class-name prefixes of its frames. */
  record Component(String name, List<String> prefixes) {}

  /**
   * Matched innermost frame first; for one frame, the first component in this order that matches.
   * JDK crypto helpers (digests, field arithmetic) belong to no component, so their samples go to
   * the signature or token code that called them.
   */
  static final List<Component> COMPONENTS =
      List.of(
          new Component(
              "argon2id password hashing (Bouncy Castle)",
              List.of(
                  "org.bouncycastle.crypto.generators.Argon2",
                  "org.bouncycastle.crypto.digests.Blake2b")),
          new Component("EdDSA signatures (JDK)", List.of("sun.security.ec.ed.")),
          new Component(
              "ECDSA signatures (JDK)",
              List.of("sun.security.ec.ECDSA", "sun.security.ec.ECOperations")),
          new Component("database: H2 engine", List.of("org.h2.")),
          new Component("database: PostgreSQL driver", List.of("org.postgresql.")),
          new Component("connection pool (HikariCP)", List.of("com.zaxxer.hikari.")),
          new Component("JSON (Jackson)", List.of("com.fasterxml.jackson.")),
          new Component(
              "logging (SLF4J, request log)",
              List.of("org.slf4j.", "dev.portcullis.auth.server.http.RequestLog")),
          new Component("metrics (Micrometer)", List.of("io.micrometer.")),
          new Component(
              "tokens: Portcullis auth-jwt and jjwt",
              List.of("dev.portcullis.auth.jwt.", "io.jsonwebtoken.")),
          new Component(
              "login, stores, events (auth-core, store adapters)",
              List.of("dev.portcullis.auth.core.", "dev.portcullis.auth.store.")),
          new Component("auth-server (routes, wiring)", List.of("dev.portcullis.auth.server.")),
          new Component("HTTP (Jetty, Javalin)", List.of("org.eclipse.jetty.", "io.javalin.")));

  /** Reads a recording. */
  public static JfrProfile read(Path file) throws IOException {
    int samples = 0;
    int[] counts = new int[COMPONENTS.size() + 1];
    Map<String, Integer> self = new HashMap<>();
    double jvm = 0;
    double machine = 0;
    int loads = 0;
    int gcs = 0;
    double pauses = 0;
    java.time.Instant first = null;
    java.time.Instant last = null;
    try (RecordingFile recording = new RecordingFile(file)) {
      while (recording.hasMoreEvents()) {
        RecordedEvent e = recording.readEvent();
        String type = e.getEventType().getName();
        if (type.equals("jdk.ExecutionSample") || type.equals("jdk.CPULoad")) {
          // Periodic events only: some others carry the JVM's start time.
          if (first == null || e.getStartTime().isBefore(first)) {
            first = e.getStartTime();
          }
          if (last == null || e.getEndTime().isAfter(last)) {
            last = e.getEndTime();
          }
        }
        if (type.equals("jdk.GarbageCollection")) {
          gcs++;
          pauses += e.getDuration("sumOfPauses").toNanos() / 1e6;
          continue;
        }
        if (type.equals("jdk.CPULoad")) {
          jvm += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
          machine += e.getFloat("machineTotal");
          loads++;
          continue;
        }
        if (!type.equals("jdk.ExecutionSample")) {
          continue;
        }
        RecordedStackTrace stack = e.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          continue;
        }
        samples++;
        List<RecordedFrame> frames = stack.getFrames();
        self.merge(name(frames.get(0)), 1, Integer::sum);
        counts[component(frames)]++;
      }
    }
    Map<String, Double> components = new LinkedHashMap<>();
    for (int c = 0; c <= COMPONENTS.size(); c++) {
      String name = c < COMPONENTS.size() ? COMPONENTS.get(c).name() : OTHER;
      components.put(name, samples == 0 ? 0 : (double) counts[c] / samples);
    }
    int total = samples;
    List<Map.Entry<String, Double>> hot = new ArrayList<>();
    self.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(10)
        .forEach(x -> hot.add(Map.entry(x.getKey(), (double) x.getValue() / total)));
    return new JfrProfile(
        samples,
        components,
        hot,
        loads == 0 ? Double.NaN : jvm / loads,
        loads == 0 ? Double.NaN : machine / loads,
        gcs,
        pauses,
        first == null ? 0 : java.time.Duration.between(first, last).toNanos() / 1e9);
  }

  /** The index of the innermost component on the stack, or {@code COMPONENTS.size()}. */
  private static int component(List<RecordedFrame> frames) {
    for (RecordedFrame f : frames) {
      String type = f.getMethod().getType().getName();
      for (int c = 0; c < COMPONENTS.size(); c++) {
        for (String prefix : COMPONENTS.get(c).prefixes()) {
          if (type.startsWith(prefix)) {
            return c;
          }
        }
      }
    }
    return COMPONENTS.size();
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  /** The profile as Markdown: CPU load, then components above 1%, then the hottest methods. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "%d execution samples (Java code only: I/O system calls, garbage collection and JIT"
                + " compilation are not sampled) over %.1f s; the server JVM used %s of the"
                + " machine's CPU on average, the whole machine %s; %d garbage collections paused"
                + " it for %.0f ms in all.%n%n",
            samples,
            seconds,
            Double.isNaN(jvmCpu) ? "n/a" : Format.percent(jvmCpu),
            Double.isNaN(machineCpu) ? "n/a" : Format.percent(machineCpu),
            gcCount,
            gcPauseMillis));
    md.append("| Component (innermost on the stack) | Share of samples |\n|---|---:|\n");
    components.forEach(
        (name, share) -> {
          if (share >= 0.01) {
            md.append("| ").append(name).append(" | ").append(Format.percent(share)).append(" |\n");
          }
        });
    md.append("\n| Hottest methods (self) | Share |\n|---|---:|\n");
    for (Map.Entry<String, Double> m : hotMethods) {
      md.append("| `")
          .append(m.getKey())
          .append("` | ")
          .append(Format.percent(m.getValue()))
          .append(" |\n");
    }
    return md.toString();
  }
}
