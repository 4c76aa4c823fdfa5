package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.account.imports.ImportReport;
import dev.portcullis.auth.core.account.imports.UserImporter;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.server.PortcullisServer;
import dev.portcullis.auth.server.internal.imports.ImportFormat;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code user create|list|disable|enable|mfa-reset|import}. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage accounts (works while the server runs).",
    subcommands = {
      UserCommand.Create.class,
      UserCommand.ListUsers.class,
      UserCommand.Disable.class,
      UserCommand.Enable.class,
      UserCommand.MfaReset.class,
      UserCommand.Import.class
    })
final class UserCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code user create EMAIL}: the password comes from standard input or a prompt. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create an account. The password is read from standard input (one line), or prompted"
              + " for on a terminal; it must pass the password policy.")
  static final class Create implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "EMAIL", description = "The e-mail address (the login identifier).")
    String email;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name.")
    String name;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "A role (repeat for several), for example --role admin.")
    List<String> roles = List.of();

    @Override
    public Integer call() {
      String password =
          parent.main.password("Password for " + email + ": ", spec.commandLine().getErr());
      if (password == null) {
        return 2;
      }
      try (PortcullisServer rt = options.tool(parent.main)) {
        User user =
            rt.injector()
                .getInstance(AccountAdmin.class)
                .create(email, password, name, Set.copyOf(roles))
                .unwrap();
        PrintWriter out = spec.commandLine().getOut();
        out.println("created " + user.identifier() + " (id " + user.id() + ")");
        out.flush();
        return 0;
      }
    }
  }

  /** {@code user list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
  static final class ListUsers implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Option(names = "--offset", defaultValue = "0", description = "Accounts to skip.")
    int offset;

    @Option(names = "--limit", defaultValue = "100", description = "Most accounts (1..1000).")
    int limit;

    @Override
    public Integer call() {
      try (PortcullisServer rt = options.tool(parent.main)) {
        List<User> users =
            rt.injector().getInstance(AccountAdmin.class).list(offset, limit).unwrap();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "%-36s  %-32s  %-20s  %-8s  %-16s  %s%n",
            "ID", "EMAIL", "NAME", "ENABLED", "ROLES", "CREATED");
        for (User u : users) {
          out.printf(
              "%-36s  %-32s  %-20s  %-8s  %-16s  %s%n",
              u.id(),
              u.identifier(),
              u.name() == null ? "-" : u.name(),
              u.enabled() ? "yes" : "no",
              u.roles().isEmpty() ? "-" : String.join(",", new TreeSet<>(u.roles())),
              u.createdAt());
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code user disable EMAIL}. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable an account and revoke every token of it at once.")
  static final class Disable implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(
        paramLabel = "EMAIL",
        description = "The user's e-mail address (the login identifier).")
    String email;

    @Override
    public Integer call() {
      return setEnabled(parent, spec, options, email, false);
    }
  }

  /** {@code user enable EMAIL}. */
  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an account.")
  static final class Enable implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(
        paramLabel = "EMAIL",
        description = "The user's e-mail address (the login identifier).")
    String email;

    @Override
    public Integer call() {
      return setEnabled(parent, spec, options, email, true);
    }
  }

  private static int setEnabled(
      UserCommand parent, CommandSpec spec, ConfigOptions options, String email, boolean enabled) {
    try (PortcullisServer rt = options.tool(parent.main)) {
      User user = rt.injector().getInstance(AccountAdmin.class).setEnabled(email, enabled).unwrap();
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          (enabled ? "enabled " : "disabled ")
              + user.identifier()
              + " (id "
              + user.id()
              + ")"
              + (enabled ? "" : "; every token of the account is revoked"));
      out.flush();
      return 0;
    }
  }

  /** {@code user mfa-reset EMAIL}: for a user who lost both the authenticator and the codes. */
  @Command(
      name = "mfa-reset",
      mixinStandardHelpOptions = true,
      description =
          "Remove an account's second factors, recovery codes and pending MFA logins, and clear"
              + " its second-factor lockout. The next login needs only the password; the user can"
              + " enrol again.")
  static final class MfaReset implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(
        paramLabel = "EMAIL",
        description = "The user's e-mail address (the login identifier).")
    String email;

    @Override
    public Integer call() {
      try (PortcullisServer rt = options.tool(parent.main)) {
        String identifier = rt.injector().getInstance(Identifiers.class).normalize(email).unwrap();
        User user =
            rt.injector()
                .getInstance(UserStore.class)
                .findByIdentifier(identifier)
                .map(StoredUser::user)
                .map(Result::ok)
                .orElseGet(() -> Result.err(new AuthError.NotFound("account " + identifier)))
                .unwrap();
        int removed = rt.injector().getInstance(MfaService.class).reset(user.id());
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "reset MFA of "
                + user.identifier()
                + " (id "
                + user.id()
                + "): "
                + removed
                + " factor(s) removed; the next login needs only the password");
        out.flush();
        return 0;
      }
    }
  }

  /** {@code user import --format F FILE [--dry-run]}. */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Create accounts from another system's export, keeping their password hashes: users log"
            + " in with their old passwords and are rehashed to the configured algorithm at the"
            + " first login.",
        "Each row is created on its own; existing accounts are skipped, so the import can be run"
            + " again. Refused rows are listed (row, identifier, reason); a malformed file stops"
            + " the import where it is, keeping the rows before.",
        "Exit codes: 0 every row imported or skipped; 1 some rows refused or the file malformed;"
            + " 69 the database is unavailable."
      })
  static final class Import implements Callable<Integer> {
    @ParentCommand UserCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Option(
        names = "--format",
        required = true,
        paramLabel = "FORMAT",
        description =
            "csv (header row with email, password_hash, optional name), django (dumpdata JSON of"
                + " auth.user), keycloak (realm export JSON), auth0 (password-hash export NDJSON).")
    String format;

    @Parameters(paramLabel = "FILE", description = "The export file (UTF-8).")
    Path file;

    @Option(
        names = "--dry-run",
        description = "Read and check every row and report; write nothing.")
    boolean dryRun;

    @Option(
        names = "--progress-every",
        defaultValue = "10000",
        paramLabel = "ROWS",
        description =
            "Without a terminal, print a progress line every ROWS rows (and every 10 seconds)."
                + " Default: ${DEFAULT-VALUE}.")
    long progressEvery;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      Optional<ImportFormat> parsed = ImportFormat.of(format);
      if (parsed.isEmpty()) {
        err.println("Unknown format " + format + "; use one of " + ImportFormat.ids() + ".");
        return 2;
      }
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        err.println("Cannot read " + file + ": it is not a readable file.");
        return 2;
      }
      if (progressEvery < 1) {
        err.println("--progress-every must be at least 1.");
        return 2;
      }
      long size = Files.size(file);
      try (PortcullisServer rt = options.tool(parent.main);
          CountingInputStream in = new CountingInputStream(Files.newInputStream(file))) {
        ImportProgress progress =
            new ImportProgress(
                out,
                err,
                parent.main.terminal() != null,
                in::count,
                size,
                progressEvery,
                Duration.ofSeconds(10),
                Clock.systemUTC());
        ImportReport report =
            rt.injector()
                .getInstance(UserImporter.class)
                .run(parsed.get().open(in), dryRun, progress);
        progress.finish(report.counts());
        out.println(
            (dryRun ? "dry run of " : "import of ")
                + file.getFileName()
                + " ("
                + parsed.get().id()
                + "): "
                + ImportProgress.totals(report.counts())
                + (dryRun ? "; nothing was written (created counts what would be)" : ""));
        if (report.counts().refused() > report.refusals().size()) {
          out.println("(" + report.counts().refused() + " refusals in all, listed above)");
        }
        out.flush();
        if (report.failure().isPresent()) {
          ImportReport.Failure f = report.failure().get();
          err.println("stopped at row " + f.row() + " (" + f.code() + "): " + f.message());
          err.println(
              "The rows before it are "
                  + (dryRun ? "checked" : "imported")
                  + "; fix the file (or the database) and run the same command again: imported"
                  + " users are skipped.");
          err.flush();
          return f.code().equals("service_unavailable") ? Main.EXIT_UNAVAILABLE : 1;
        }
        return report.counts().refused() > 0 ? 1 : 0;
      }
    }
  }

  /** Counts the bytes read, for the progress bar's percentage. */
  static final class CountingInputStream extends FilterInputStream {
    private volatile long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
