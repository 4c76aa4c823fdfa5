package dev.portcullis.auth.server.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The node scripts of {@code src/test/node}: copied to {@code target/interop-node}, their pinned
 * packages installed there with {@code npm ci} (once per lockfile and node version), then run with
 * a timeout. A machine without Node.js 20 or newer fails here, saying how to install it: these
 * checks are part of {@code ./mvnw verify}, never skipped.
 */
final class NodeScripts {
  static final int MINIMUM_NODE_MAJOR = 20;

  private static final Path SOURCES = Path.of("src", "test", "node");
  private static final Path WORK = Path.of("target", "interop-node");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)\\.(\\d+)\\s*");
  private static final ObjectMapper JSON = new ObjectMapper();

  static final String HOW_TO_INSTALL =
      "Install Node.js "
          + MINIMUM_NODE_MAJOR
          + " or newer with npm and put 'node' and 'npm' on the PATH (the interop checks of"
          + " issue 13 run in ./mvnw verify and are never skipped). Debian 12's nodejs package is"
          + " 18.x, too old for openid-client 6: .ci/run shows how to get Node 20 from npm"
          + " (npm install --prefix DIR node@20, then DIR/node_modules/.bin on the PATH).";

  private NodeScripts() {}

  /** What a script printed and how it ended. */
  record Run(int exitCode, String stdout, String stderr) {
    /** The last line of stdout as JSON. */
    JsonNode json() {
      String[] lines = stdout.strip().split("\n");
      String last = lines[lines.length - 1];
      try {
        return JSON.readTree(last);
      } catch (IOException e) {
        throw new AssertionError(
            "the node script printed no JSON result line; stdout:\n"
                + stdout
                + "\nstderr:\n"
                + stderr,
            e);
      }
    }
  }

  /** Copies the scripts into {@code target/interop-node} and installs their packages there. */
  static Path prepare() {
    String version = nodeVersion();
    try {
      Files.createDirectories(WORK);
      try (Stream<Path> files = Files.list(SOURCES)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path stamp = WORK.resolve("node_modules").resolve(".portcullis-installed");
      String wanted = version + " " + sha256(WORK.resolve("package-lock.json"));
      if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(wanted)) {
        Run install =
            exec(
                List.of(npm(), "ci", "--no-audit", "--no-fund", "--prefer-offline"),
                Map.of(),
                INSTALL_TIMEOUT);
        if (install.exitCode() != 0) {
          throw new AssertionError(
              "npm ci in "
                  + WORK.toAbsolutePath()
                  + " failed (exit "
                  + install.exitCode()
                  + "); the npm registry must be reachable once to fill npm's cache:\n"
                  + install.stderr());
        }
        Files.writeString(stamp, wanted);
      }
      return WORK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code node <script>} in the prepared directory with {@code env} added. */
  static Run run(String script, Map<String, String> env, Duration timeout) {
    return exec(List.of("node", script), env, timeout);
  }

  private static String nodeVersion() {
    Run run;
    try {
      run = exec(List.of("node", "--version"), Map.of(), Duration.ofSeconds(30));
    } catch (UncheckedIOException e) {
      throw new AssertionError("'node' was not found on the PATH. " + HOW_TO_INSTALL, e);
    }
    Matcher m = VERSION.matcher(run.stdout());
    if (run.exitCode() != 0 || !m.matches()) {
      throw new AssertionError(
          "'node --version' answered '" + run.stdout().strip() + "'. " + HOW_TO_INSTALL);
    }
    if (Integer.parseInt(m.group(1)) < MINIMUM_NODE_MAJOR) {
      throw new AssertionError(
          "Node.js " + run.stdout().strip() + " is too old. " + HOW_TO_INSTALL);
    }
    return run.stdout().strip();
  }

  private static String npm() {
    return System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm";
  }

  private static Run exec(List<String> command, Map<String, String> env, Duration timeout) {
    try {
      Files.createDirectories(WORK);
      File out = Files.createTempFile(WORK.toAbsolutePath(), "out", ".txt").toFile();
      File err = Files.createTempFile(WORK.toAbsolutePath(), "err", ".txt").toFile();
      try {
        ProcessBuilder builder =
            new ProcessBuilder(new ArrayList<>(command))
                .directory(WORK.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out)
                .redirectError(err);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError(
              String.join(" ", command)
                  + " did not finish within "
                  + timeout
                  + "; stderr so far:\n"
                  + Files.readString(err.toPath()));
        }
        return new Run(
            process.exitValue(),
            Files.readString(out.toPath(), StandardCharsets.UTF_8),
            Files.readString(err.toPath(), StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out.toPath());
        Files.deleteIfExists(err.toPath());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
