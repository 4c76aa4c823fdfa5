package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.api.PasswordHasher;
import dev.portcullis.auth.api.error.ConfigProblem;
import dev.portcullis.auth.api.error.ConfigurationException;
import dev.portcullis.auth.core.hash.PasswordHashers;
import dev.portcullis.auth.core.settings.AuthSettings;
import dev.portcullis.auth.core.settings.SettingsReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hash}: one password, typed on the terminal without echo (twice) or read from standard
 * input, hashed with the configured algorithm. Only the hash is printed.
 */
@Command(
    name = "hash",
    mixinStandardHelpOptions = true,
    description = {
      "Hash a password with the configured algorithm and costs (auth.hashing.*), and print the"
          + " hash: for importing accounts. On a terminal the password is prompted for twice"
          + " without echo; otherwise it is read from standard input (one line).",
      "Example: printf '%%s\\n' \"$PASSWORD\" | java -jar auth-server.jar hash"
    })
final class HashCommand implements Callable<Integer> {

  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Override
  public Integer call() {
    String password = main.password("Password: ", spec.commandLine().getErr());
    if (password == null) {
      return 2;
    }
    // Only the hashing settings matter here; the rest may be incomplete on a build machine.
    SettingsReader reader = new SettingsReader(options.load(main, null));
    AuthSettings settings = AuthSettings.read(reader);
    List<ConfigProblem> problems =
        reader.problems().stream()
            .filter(p -> p.key().startsWith("auth.hashing") || p.key().equals("auth.environment"))
            .toList();
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    PasswordHasher hasher = PasswordHashers.create(settings.hashing());
    PrintWriter out = spec.commandLine().getOut();
    out.println(hasher.hash(password));
    out.flush();
    return 0;
  }
}
