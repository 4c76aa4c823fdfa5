package dev.portcullis.auth.server.internal;

import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The embedded H2 database of the data directory, shut to everyone but its owner.
 *
 * <ul>
 *   <li>It runs in H2's mixed mode ({@code AUTO_SERVER=TRUE}): the first process to open it serves
 *       it to the others (the admin commands while the server runs) over TCP. H2 binds that port to
 *       every interface unless the JVM-wide system property {@code h2.bindAddress} says otherwise,
 *       and it reads the property once; so it is set to {@code 127.0.0.1} before H2 is first used,
 *       and checked: where it names something else (set by the embedding application, or read by H2
 *       earlier), the mixed mode stays off and admin commands cannot open the database while the
 *       server runs.
 *   <li>Its user {@code PORTCULLIS} has a generated password kept owner-only in {@code
 *       database.secret} beside it: reading the port's key from {@code portcullis.lock.db} is not
 *       enough to connect. A database created by an earlier version, whose user had an empty
 *       password, is given this password at the next start and its passwordless user dropped.
 * </ul>
 *
 * <p>The owner-only data directory (see {@link OwnerOnlyFiles#restrictToOwner}) keeps the files,
 * the key and the password from other users of the machine.
 */
public final class EmbeddedDatabase {

  /** The file name (without {@code .mv.db}) of the database in the data directory. */
  public static final String NAME = "portcullis";

  /** The database user. */
  public static final String USER = "PORTCULLIS";

  /** The file holding the user's password, in the data directory. */
  public static final String PASSWORD_FILE = "database.secret";

  /** The system property that H2 binds its server sockets to. */
  static final String BIND_PROPERTY = "h2.bindAddress";

  private static final String LOOPBACK = "127.0.0.1";
  private static final String WRONG_USER_OR_PASSWORD = "28000";
  private static final SecureRandom RANDOM = new SecureRandom();

  private EmbeddedDatabase() {}

  /** {@code <dataDir>/portcullis.mv.db}. */
  public static Path file(Path dataDir) {
    return dataDir.resolve(NAME + ".mv.db");
  }

  /** {@code <dataDir>/database.secret}. */
  public static Path passwordFile(Path dataDir) {
    return dataDir.resolve(PASSWORD_FILE);
  }

  /**
   * The JDBC URL of the database in {@code dataDir}.
   *
   * @param mixedMode whether other processes may open it while this one has it open
   */
  public static String url(Path dataDir, boolean mixedMode) {
    return "jdbc:h2:file:"
        + dataDir.resolve(NAME)
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
        + (mixedMode ? ";AUTO_SERVER=TRUE" : "");
  }

  /**
   * How to connect.
   *
   * @param url the JDBC URL
   * @param username the user, blank for a database of an earlier version not yet secured
   * @param password its password, blank likewise
   * @param notes what was done, for the start-up log
   * @param warnings what an operator should fix
   */
  public record Access(
      String url, String username, String password, List<String> notes, List<String> warnings) {
    public Access {
      notes = List.copyOf(notes);
      warnings = List.copyOf(warnings);
    }

    @Override
    public String toString() {
      return "Access[url=" + url + ", username=" + username + ", password=<redacted>]";
    }
  }

  /**
   * The access to the database in {@code dataDir}: restricts H2's port to loopback, and with {@code
   * createFiles} generates the password file and secures a database left passwordless by an earlier
   * version. Without it ({@code doctor}) nothing is written.
   *
   * @throws UncheckedIOException when the password file cannot be read or written
   */
  public static Access prepare(Path dataDir, boolean createFiles) {
    List<String> notes = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Optional<String> wideBind = wideBindAddress();
    wideBind.ifPresent(
        bind ->
            warnings.add(
                "H2 binds its TCP port to "
                    + bind
                    + " in this JVM (system property "
                    + BIND_PROPERTY
                    + "), so the embedded database runs without it: admin commands cannot open"
                    + " the database while the server runs. Fix: start the JVM with -D"
                    + BIND_PROPERTY
                    + "="
                    + LOOPBACK
                    + " (or without that property), or use PostgreSQL."));
    String url = url(dataDir, wideBind.isEmpty());
    Path file = passwordFile(dataDir);
    boolean databaseExists = Files.exists(file(dataDir));
    if (!Files.exists(file) && !createFiles) {
      if (databaseExists) {
        warnings.add(
            "the embedded database "
                + file(dataDir)
                + " has no password file "
                + file
                + " (an earlier version left its user without password); the next 'serve' sets"
                + " one.");
      }
      return new Access(url, "", "", notes, warnings);
    }
    if (!Files.exists(file)) {
      if (databaseExists) {
        // A database of an earlier version: give it a password before the file says it has one.
        Path pending = dataDir.resolve(PASSWORD_FILE + ".new");
        OwnerOnlyFiles.write(
            pending, (newPassword() + "\n").getBytes(StandardCharsets.UTF_8), false);
        switch (closeEmptyPassword(url, read(pending))) {
          case CLOSED ->
              notes.add(
                  "the embedded database accepted an empty password (created by an earlier"
                      + " version); its user now has the generated password in "
                      + file);
          case ALREADY_CLOSED -> {}
          case UNKNOWN -> {
            // In use by a process of an earlier version, or broken: opening the store says
            // which, and the next start tries again.
            return new Access(url, "", "", notes, warnings);
          }
        }
        move(pending, file);
      } else {
        OwnerOnlyFiles.write(file, (newPassword() + "\n").getBytes(StandardCharsets.UTF_8), false);
      }
    }
    String password = read(file);
    if (password.isBlank()) {
      throw new ConfigurationException(
          List.of(
              new ConfigProblem(
                  "auth.server.data-dir",
                  SettingsReader.environmentVariable("auth.server.data-dir"),
                  "holds an empty " + file + ": the embedded database never runs without password.",
                  "restore "
                      + file
                      + " from a backup (or, to start afresh, remove it and "
                      + file(dataDir)
                      + ")")));
    }
    return new Access(url, USER, password, notes, warnings);
  }

  /**
   * Makes H2 bind its server sockets in this JVM to loopback, if nothing decided otherwise before.
   *
   * @return empty when they bind to loopback only, else the address they bind to
   */
  static synchronized Optional<String> wideBindAddress() {
    if (System.getProperty(BIND_PROPERTY) == null) {
      System.setProperty(BIND_PROPERTY, LOOPBACK);
    }
    // H2 reads the property once, into this field; whatever it holds now is what H2 binds to.
    String bound = org.h2.engine.SysProperties.BIND_ADDRESS;
    if (bound == null || bound.isBlank()) {
      return Optional.of("every interface");
    }
    boolean loopback =
        IpRanges.parseAddress(bound).map(InetAddress::isLoopbackAddress).orElse(false);
    return loopback ? Optional.empty() : Optional.of(bound);
  }

  /**
   * If the database still lets its user of an earlier version in with an empty password: gives
   * {@link #USER} {@code password} and drops that user. Safe to repeat after a crash: the password
   * stays in {@code database.secret.new} until this has run, and the user is dropped last.
   *
   * @return what was found
   */
  private static Door closeEmptyPassword(String url, String password) {
    String legacy;
    try (Connection c = DriverManager.getConnection(url, "", "")) {
      legacy = currentUser(c);
      // One statement at a time: H2 looks the user up when a statement is prepared.
      try (PreparedStatement create =
          c.prepareStatement("CREATE USER IF NOT EXISTS \"" + USER + "\" PASSWORD ? ADMIN")) {
        create.setString(1, password);
        create.execute();
      }
      try (PreparedStatement set =
          c.prepareStatement("ALTER USER \"" + USER + "\" SET PASSWORD ?")) {
        set.setString(1, password);
        set.execute();
      }
      try (Statement admin = c.createStatement()) {
        admin.execute("ALTER USER \"" + USER + "\" ADMIN TRUE");
      }
    } catch (SQLException e) {
      return WRONG_USER_OR_PASSWORD.equals(e.getSQLState()) ? Door.ALREADY_CLOSED : Door.UNKNOWN;
    }
    if (!legacy.equalsIgnoreCase(USER)) {
      try (Connection c = DriverManager.getConnection(url, USER, password);
          Statement s = c.createStatement()) {
        s.execute("DROP USER \"" + legacy.replace("\"", "\"\"") + "\"");
      } catch (SQLException e) {
        return Door.UNKNOWN;
      }
    }
    return Door.CLOSED;
  }

  /** What {@link #closeEmptyPassword} found. */
  private enum Door {
    /** It was open, and is now closed. */
    CLOSED,
    /** The empty password is refused. */
    ALREADY_CLOSED,
    /** The database could not be asked. */
    UNKNOWN
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to, e);
    }
  }

  private static String currentUser(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT CURRENT_USER")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String newPassword() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
