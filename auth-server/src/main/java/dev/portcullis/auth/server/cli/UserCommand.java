package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.api.Result;
import dev.portcullis.auth.api.error.AuthError;
import dev.portcullis.auth.api.model.StoredUser;
import dev.portcullis.auth.api.model.User;
import dev.portcullis.auth.api.store.UserStore;
import dev.portcullis.auth.core.account.AccountAdmin;
import dev.portcullis.auth.core.login.Identifiers;
import dev.portcullis.auth.core.mfa.MfaService;
import dev.portcullis.auth.server.PortcullisServer;
import java.io.PrintWriter;
import java.util.List;
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

/** {@code user create|list|disable|enable|mfa-reset}. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage accounts (works while the server runs).",
    subcommands = {
      UserCommand.Create.class,
      UserCommand.ListUsers.class,
      UserCommand.Disable.class,
      UserCommand.Enable.class,
      UserCommand.MfaReset.class
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
}
