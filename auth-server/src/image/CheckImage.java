import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the server's container image without a container engine, as .ci/run does after {@code
 * -Pimage}: {@code java auth-server/src/image/CheckImage.java auth-server/target/portcullis-image.tar}.
 *
 * <p>Reads the image's config (user 65532, the entrypoint, port 8080, no shell in the file system),
 * unpacks its layers in order into a root file system, then starts {@code serve} in it with chroot
 * as uid 65532 (as root; otherwise in a user namespace through {@code unshare -r}) and waits for
 * {@code GET /health} to answer. Exits non-zero, saying why, at the first thing that is wrong.
 */
public final class CheckImage {
  private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"sha256:([0-9a-f]{64})\"");

  public static void main(String[] args) throws Exception {
    Path tar = Path.of(args[0]).toAbsolutePath();
    Path work = Files.createTempDirectory("portcullis-image-");
    run(work, "tar", "--warning=no-unknown-keyword", "-xf", tar.toString());

    // OCI image layout: index.json -> manifest -> config and layers.
    String index = read(work.resolve("index.json"), "index.json (an OCI image layout)");
    String manifest = blob(work, first(DIGEST, index, "the manifest's digest in index.json"));
    Matcher digests = DIGEST.matcher(manifest);
    List<String> all = new ArrayList<>();
    while (digests.find()) {
      all.add(digests.group(1));
    }
    check(all.size() >= 2, "the manifest names a config and at least one layer");
    String config = blob(work, all.get(0));
    check(config.contains("\"User\":\"65532:65532\""), "the image runs as 65532:65532, not root");
    check(config.contains("\"Entrypoint\":[\"/opt/java/bin/java\""), "the entrypoint is the image's java");
    check(config.contains("\"8080/tcp\""), "the image exposes 8080");

    Path root = work.resolve("rootfs");
    Files.createDirectories(root);
    for (String layer : all.subList(1, all.size())) {
      run(
          root,
          "tar",
          "--warning=no-unknown-keyword",
          "-xzf",
          work.resolve("blobs/sha256/" + layer).toString());
    }
    check(Files.isExecutable(root.resolve("opt/java/bin/java")), "/opt/java/bin/java is in the image");
    check(!Files.exists(root.resolve("bin/sh")), "the image has no shell");
    check(Files.isDirectory(root.resolve("data")), "/data exists");
    check(Files.exists(root.resolve("app/jib-classpath-file")), "Jib's classpath file exists");

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    boolean asRoot = "0".equals(output("id", "-u").strip());
    // A container engine mounts /proc (the launcher finds its libraries through /proc/self/exe).
    Path proc = root.resolve("proc");
    check(Files.isDirectory(proc), "/proc exists as a mount point");
    List<String> command = new ArrayList<>();
    if (asRoot) {
      run(work, "mount", "-t", "proc", "proc", proc.toString());
      command.addAll(List.of("chroot", "--userspec=65532:65532", root.toString()));
    } else {
      command.addAll(
          List.of(
              "unshare", "-r", "-m", "-p", "-f", "--mount-proc=" + proc, "chroot", root.toString()));
    }
    command.addAll(
        List.of(
            "/opt/java/bin/java",
            "-cp",
            "@/app/jib-classpath-file",
            "dev.portcullis.auth.server.cli.Main",
            "serve"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(work.resolve("serve.log").toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/opt/java/bin");
    pb.environment().put("JAVA_HOME", "/opt/java");
    pb.environment().put("AUTH_SERVER_DATA_DIR", "/data/portcullis");
    pb.environment().put("AUTH_SERVER_PORT", Integer.toString(port));
    // A check of the image, not of speed: a first start on a busy machine creates the database
    // slowly, so it may wait longer than the default 5 s for a connection.
    pb.environment().put("AUTH_STORE_JDBC_CONNECTION_TIMEOUT", "60s");
    Process serve = pb.start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
      String answer = null;
      while (answer == null && Instant.now().isBefore(deadline) && serve.isAlive()) {
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            answer = r.body();
          }
        } catch (IOException notYet) {
          Thread.sleep(500);
        }
      }
      String log = Files.readString(work.resolve("serve.log"));
      check(answer != null, "serve in the image answers GET /health; its output:\n" + log);
      check(!log.contains("Exception"), "serve started without an exception; its output:\n" + log);
      if (asRoot) {
        String owner = output("stat", "-c", "%u", root.resolve("data/portcullis").toString()).strip();
        check(owner.equals("65532"), "the data directory belongs to 65532 (it is " + owner + ")");
      }
      System.out.println(
          "image OK: runs as 65532, no shell, serve answered /health on port "
              + port
              + (asRoot ? " (chroot as 65532)" : " (user namespace)"));
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
      if (asRoot) {
        run(work, "umount", proc.toString());
      }
      run(work, "rm", "-rf", work.toString());
    }
  }

  private static String blob(Path work, String digest) throws IOException {
    return read(work.resolve("blobs/sha256/" + digest), "blob " + digest);
  }

  private static String read(Path file, String what) throws IOException {
    check(Files.exists(file), what + " is in the tarball");
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static String first(Pattern p, String text, String what) {
    Matcher m = p.matcher(text);
    check(m.find(), what);
    return m.group(1);
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      System.err.println("image check failed: " + what);
      System.exit(1);
    }
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    check(p.waitFor() == 0, String.join(" ", command) + " succeeded");
  }

  private static String output(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }
}
