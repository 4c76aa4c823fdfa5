package dev.portcullis.auth.client.interop;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * node-oidc-provider ({@code src/test/node/provider.mjs}) as a child process on a free loopback
 * port: the scripts are copied to {@code target/oidc-provider}, their pinned packages installed
 * there with {@code npm ci} (once per lockfile and node version, like auth-server's interop
 * NodeScripts), the provider started, and its ready line awaited. {@link #close()} kills it. A
 * machine without Node.js 20 or newer fails here, saying how to install it: the interop runs are
 * part of {@code ./mvnw verify}, never skipped.
 *
 * <p>auth-server's {@code NodeScripts} runs scripts to completion and lives in auth-server's tests;
 * auth-client's tests cannot reach it (auth-server depends on auth-client for its CLI, and Maven
 * forbids the cycle even in test scope), hence this small launcher of its own.
 */
final class OidcProviderProcess implements AutoCloseable {
  static final int MINIMUM_NODE_MAJOR = 20;

  private static final Path SOURCES = Path.of("src", "test", "node");
  private static final Path WORK = Path.of("target", "oidc-provider");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.\\d+\\.\\d+\\s*");
  private static final Pattern READY =
      Pattern.compile(
          "\\{\"ready\":true,\"port\":(\\d+),\"issuer\":\"([^\"]+)\",\"version\":\"([^\"]+)\"}");
  private static final String HOW_TO_INSTALL =
      "Install Node.js "
          + MINIMUM_NODE_MAJOR
          + " or newer with npm and put 'node' and 'npm' on the PATH (the node-oidc-provider"
          + " interop checks of issue 15 run in ./mvnw verify and are never skipped); .ci/run shows"
          + " how to get Node 20 from npm.";

  private final Process process;
  private final URI issuer;
  private final String version;
  private final StringBuffer stderr;

  private OidcProviderProcess(Process process, URI issuer, String version, StringBuffer stderr) {
    this.process = process;
    this.issuer = issuer;
    this.version = version;
    this.stderr = stderr;
  }

  /**
   * Starts the provider with the secret of client {@code svc-basic} and the public JWKS of client
   * {@code svc-jwt}; returns once it accepts connections.
   */
  static OidcProviderProcess start(String clientSecret, String publicJwks) {
    Path work = prepare();
    ProcessBuilder builder =
        new ProcessBuilder("node", "provider.mjs", "0")
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(Map.of("CLIENT_SECRET", clientSecret, "CLIENT_JWKS", publicJwks));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuffer stderr = new StringBuffer();
    drain(process.getErrorStream(), stderr);
    CompletableFuture<Matcher> ready =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = out.readLine()) != null; ) {
                  Matcher m = READY.matcher(line.strip());
                  if (m.matches()) {
                    drain(process.getInputStream(), new StringBuffer());
                    return m;
                  }
                }
                return null;
              } catch (IOException e) {
                return null;
              }
            });
    try {
      Matcher m = ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (m == null) {
        throw new AssertionError(
            "node provider.mjs ended without its ready line; stderr:\n" + stderr);
      }
      return new OidcProviderProcess(process, URI.create(m.group(2)), m.group(3), stderr);
    } catch (TimeoutException | ExecutionException e) {
      kill(process);
      throw new AssertionError(
          "node provider.mjs printed no ready line within "
              + START_TIMEOUT
              + "; stderr:\n"
              + stderr,
          e);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, exactly as the provider's metadata names it. */
  URI issuer() {
    return issuer;
  }

  /** The installed oidc-provider version, from its package.json. */
  String version() {
    return version;
  }

  /** What the provider wrote to stderr so far (its warnings and server_error events). */
  String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    kill(process);
  }

  private static void kill(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void drain(java.io.InputStream in, StringBuffer into) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  into.append(line).append('\n');
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "oidc-provider-output");
    t.setDaemon(true);
    t.start();
  }

  /** Copies the node sources into {@code target/oidc-provider} and installs their packages. */
  private static Path prepare() {
    String nodeVersion = nodeVersion();
    try {
      Files.createDirectories(WORK);
      try (Stream<Path> files = Files.list(SOURCES)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path stamp = WORK.resolve("node_modules").resolve(".portcullis-installed");
      String wanted = nodeVersion + " " + sha256(WORK.resolve("package-lock.json"));
      if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(wanted)) {
        String[] install = {npm(), "ci", "--no-audit", "--no-fund", "--prefer-offline"};
        Result result = exec(List.of(install), INSTALL_TIMEOUT);
        if (result.exitCode() != 0) {
          throw new AssertionError(
              "npm ci in "
                  + WORK.toAbsolutePath()
                  + " failed (exit "
                  + result.exitCode()
                  + "); the npm registry must be reachable once to fill npm's cache:\n"
                  + result.output());
        }
        Files.writeString(stamp, wanted);
      }
      return WORK;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String nodeVersion() {
    Result run;
    try {
      run = exec(List.of("node", "--version"), Duration.ofSeconds(30));
    } catch (UncheckedIOException e) {
      throw new AssertionError("'node' was not found on the PATH. " + HOW_TO_INSTALL, e);
    }
    Matcher m = NODE_VERSION.matcher(run.output());
    if (run.exitCode() != 0 || !m.matches()) {
      throw new AssertionError(
          "'node --version' answered '" + run.output().strip() + "'. " + HOW_TO_INSTALL);
    }
    if (Integer.parseInt(m.group(1)) < MINIMUM_NODE_MAJOR) {
      throw new AssertionError(
          "Node.js " + run.output().strip() + " is too old. " + HOW_TO_INSTALL);
    }
    return run.output().strip();
  }

  private static String npm() {
    return System.getProperty("os.name").startsWith("Windows") ? "npm.cmd" : "npm";
  }

  private record Result(int exitCode, String output) {}

  private static Result exec(List<String> command, Duration timeout) {
    try {
      Files.createDirectories(WORK);
      Path out = Files.createTempFile(WORK.toAbsolutePath(), "out", ".txt");
      try {
        Process process =
            new ProcessBuilder(command)
                .directory(WORK.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
          throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
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
