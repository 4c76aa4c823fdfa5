package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.api.model.LockStatus;
import dev.portcullis.auth.core.account.LockoutAdmin;
import dev.portcullis.auth.server.PortcullisServer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code lockouts list|clear}. */
@Command(
    name = "lockouts",
    mixinStandardHelpOptions = true,
    description = "See and lift login lockouts (works while the server runs).",
    subcommands = {LockoutsCommand.ListLockouts.class, LockoutsCommand.Clear.class})
final class LockoutsCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code lockouts list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Locked identifiers, soonest unlock first.")
  static final class ListLockouts implements Callable<Integer> {
    @ParentCommand LockoutsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Override
    public Integer call() {
      try (PortcullisServer rt = options.tool(parent.main)) {
        List<LockStatus> locked =
            rt.injector().getInstance(LockoutAdmin.class).activeLockouts().unwrap();
        PrintWriter out = spec.commandLine().getOut();
        if (locked.isEmpty()) {
          out.println("No identifier is locked.");
        } else {
          out.printf("%-40s  %-8s  %s%n", "IDENTIFIER", "FAILURES", "LOCKED UNTIL");
          for (LockStatus s : locked) {
            out.printf("%-40s  %-8d  %s%n", s.key(), s.failures(), s.lockedUntil());
          }
        }
        out.flush();
        return 0;
      }
    }
  }

  /** {@code lockouts clear IDENTIFIER}. */
  @Command(
      name = "clear",
      mixinStandardHelpOptions = true,
      description = "Clear the failures and lock of an identifier. Exits 1 if nothing was locked.")
  static final class Clear implements Callable<Integer> {
    @ParentCommand LockoutsCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(paramLabel = "IDENTIFIER", description = "The login identifier (e-mail).")
    String identifier;

    @Override
    public Integer call() {
      try (PortcullisServer rt = options.tool(parent.main)) {
        var cleared = rt.injector().getInstance(LockoutAdmin.class).clear(identifier);
        PrintWriter out = spec.commandLine().getOut();
        if (cleared.isErr()) {
          out.println(
              "Nothing to clear for "
                  + identifier
                  + ": "
                  + cleared.failure().orElseThrow().message());
          out.flush();
          return 1;
        }
        out.println("cleared the failures and lock of " + identifier);
        out.flush();
        return 0;
      }
    }
  }
}
