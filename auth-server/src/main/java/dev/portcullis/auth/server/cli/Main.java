package dev.portcullis.auth.server.cli;

import com.typesafe.config.Config;
import dev.portcullis.auth.api.error.AuthException;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.api.error.ServiceUnavailableException;
import dev.portcullis.auth.client.BrowserOpener;
import dev.portcullis.auth.client.Sleeper;
import dev.portcullis.auth.server.ServerSettings;
import dev.portcullis.auth.server.internal.ServerSettingsReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The command line of the service: {@code java -jar auth-server.jar <command>}. Every command reads
 * the same configuration as {@code serve} ({@code --config}, {@code --data-dir}, {@code AUTH_...}
 * variables), so admin commands work on a running server's data: the embedded H2 database is opened
 * in mixed mode, PostgreSQL is shared anyway.
 *
 * <p>Exit codes: 0 success; 1 the command found a problem (doctor, an invalid token, nothing to
 * clear); 2 wrong usage; 69 the database is unavailable; 78 invalid settings (every problem is
 * listed).
 */
@Command(
    name = "portcullis",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Portcullis: an authentication service and its administration.",
    subcommands = {
      ServeCommand.class,
      DoctorCommand.class,
      TokenCommand.class,
      ClientCommand.class,
      UserCommand.class,
      OAuthCommand.class,
      LockoutsCommand.class,
      KeysCommand.class,
      HashCommand.class,
      CommandLine.HelpCommand.class,
      Main.Completion.class
    })
public final class Main implements Runnable {

  /** Exit code: the database or another dependency cannot be reached. */
  public static final int EXIT_UNAVAILABLE = 69;

  /** Exit code: invalid or insecure settings. */
  public static final int EXIT_CONFIG = 78;

  private final Map<String, String> environment;
  private final InputStream stdin;
  private final Terminal terminal;
  private BufferedReader stdinReader;
  private Clock clientClock = Clock.systemUTC();
  private Sleeper clientSleeper = Sleeper.system();
  private BrowserOpener browserOpener = BrowserOpener.system();

  /** The root log level when this process's launcher owns the logging backend ({@link #main}). */
  private String logLevel;

  @Spec CommandSpec spec;

  /** The command line of this process: its environment and standard input. */
  public Main() {
    this(System.getenv(), System.in);
  }

  /** A command line with the given environment variables and standard input (tests, tools). */
  public Main(Map<String, String> environment, InputStream stdin) {
    this(environment, stdin, null);
  }

  /** As above, with {@code terminal} as the person's terminal (tests); null for none. */
  Main(Map<String, String> environment, InputStream stdin, Terminal terminal) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.terminal = terminal;
  }

  /** Where a person types a secret: read without echo. */
  interface Terminal {
    /** Shows {@code prompt} and reads a line without echoing it; null at the end of input. */
    char[] readPassword(String prompt);
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    boolean serve = args.length > 0 && args[0].equals("serve");
    // Admin commands print their own results; the service's start-up log would only be noise.
    // -Dportcullis.log.level=DEBUG (or any level) overrides both.
    String level = System.getProperty("portcullis.log.level", serve ? "INFO" : "ERROR");
    LogBackend.configure(ServerSettings.LogFormat.TEXT, level);
    Main main = new Main();
    main.logLevel = level;
    int code = commandLine(main).execute(args);
    System.exit(code);
  }

  /** A picocli command line for {@code main}, with Portcullis's error handling and exit codes. */
  public static CommandLine commandLine(Main main) {
    CommandLine cl = new CommandLine(main);
    showDefaults(cl);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigurationException ce) {
            cmd.getErr().println("Portcullis cannot start: " + ce.error().message());
            cmd.getErr().println(ce.error().remedy());
            return EXIT_CONFIG;
          }
          if (e instanceof ServiceUnavailableException su) {
            cmd.getErr().println("Unavailable: " + su.error().message());
            cmd.getErr().println("Fix: " + su.error().remedy());
            return EXIT_UNAVAILABLE;
          }
          if (e instanceof AuthException ae) {
            cmd.getErr().println(ae.error().code() + ": " + ae.error().message());
            cmd.getErr().println("Fix: " + ae.error().remedy());
            return 1;
          }
          if (e instanceof com.typesafe.config.ConfigException ce) {
            cmd.getErr().println("The configuration cannot be read: " + ce.getMessage());
            return EXIT_CONFIG;
          }
          throw e;
        });
    return cl;
  }

  /** Every option's help shows its default value, in every command. */
  private static void showDefaults(CommandLine cl) {
    cl.getCommandSpec().usageMessage().showDefaultValues(true);
    cl.getSubcommands().values().forEach(Main::showDefaults);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Map<String, String> environment() {
    return environment;
  }

  /**
   * Tests: the clock and the waits of {@code client} commands (device polling), and how {@code
   * client login --browser} opens the authorization URL.
   */
  Main clientSeams(Clock clock, Sleeper sleeper, BrowserOpener opener) {
    this.clientClock = Objects.requireNonNull(clock, "clock");
    this.clientSleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.browserOpener = Objects.requireNonNull(opener, "opener");
    return this;
  }

  Clock clientClock() {
    return clientClock;
  }

  Sleeper clientSleeper() {
    return clientSleeper;
  }

  BrowserOpener browserOpener() {
    return browserOpener;
  }

  /**
   * Switches the log to {@code auth.server.log-format} of {@code config} before the server logs
   * anything, when this process's launcher owns the logging backend (not for a command line run
   * inside another program, such as a test). An invalid value changes nothing here: the settings'
   * validation refuses it with every other problem.
   */
  void useLogFormat(Config config) {
    if (logLevel == null || !config.hasPath(ServerSettingsReader.LOG_FORMAT)) {
      return;
    }
    ServerSettings.LogFormat format;
    try {
      format = ServerSettings.LogFormat.parse(config.getString(ServerSettingsReader.LOG_FORMAT));
    } catch (RuntimeException e) {
      return;
    }
    if (format != ServerSettings.LogFormat.TEXT) {
      LogBackend.configure(format, logLevel);
    }
  }

  /** The terminal, when standard input is this process's own interactive terminal. */
  Terminal terminal() {
    if (terminal != null) {
      return terminal;
    }
    java.io.Console console = stdin == System.in ? System.console() : null;
    return console == null ? null : prompt -> console.readPassword("%s", prompt);
  }

  /**
   * A password: typed twice on the terminal without echo when there is one, else the next line of
   * standard input. Null when none was given or the two typed differ ({@code err} says which).
   * Never printed anywhere.
   */
  String password(String prompt, PrintWriter err) {
    Terminal t = terminal();
    if (t == null) {
      String line = readLine();
      if (line == null || line.isEmpty()) {
        err.println("No password on standard input.");
        return null;
      }
      return line;
    }
    char[] first = t.readPassword(prompt);
    char[] again = first == null ? null : t.readPassword("Again: ");
    try {
      if (first == null || first.length == 0) {
        err.println("No password given.");
        return null;
      }
      if (!Arrays.equals(first, again)) {
        err.println("The passwords differ.");
        return null;
      }
      return new String(first);
    } finally {
      if (first != null) {
        Arrays.fill(first, '\0');
      }
      if (again != null) {
        Arrays.fill(again, '\0');
      }
    }
  }

  /** The next line of standard input (without its line end), or null at its end. */
  synchronized String readLine() {
    try {
      if (stdinReader == null) {
        stdinReader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
      }
      return stdinReader.readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read standard input", e);
    }
  }

  /**
   * {@code generate-completion}: prints a bash and zsh completion script for every command and
   * option ({@code source <(java -jar auth-server.jar generate-completion)}).
   */
  @Command(
      name = "generate-completion",
      description =
          "Print a bash/zsh completion script: source <(java -jar auth-server.jar"
              + " generate-completion)",
      mixinStandardHelpOptions = true)
  static final class Completion implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      CommandLine root = spec.root().commandLine();
      String script = picocli.AutoComplete.bash("portcullis", root);
      PrintWriter out = spec.commandLine().getOut();
      out.print(script);
      out.flush();
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"Portcullis auth-server " + (v == null ? "(development)" : v)};
    }
  }
}
