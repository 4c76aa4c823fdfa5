package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.jwt.TokenInspector;
import dev.portcullis.auth.jwt.TokenReport;
import dev.portcullis.auth.server.PortcullisServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code token}: token tools. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Token tools.",
    subcommands = {TokenCommand.Inspect.class})
final class TokenCommand implements Runnable {

  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code token inspect TOKEN}: explains why a token passes or fails, here and now. */
  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      description = {
        "Decode a token without trusting it and explain, in plain words, whether it passes here and"
            + " why not (expired, revoked, wrong audience, unknown key, clock skew...).",
        "Exits 0 when it passes, 1 when it fails."
      })
  static final class Inspect implements Callable<Integer> {
    @ParentCommand TokenCommand parent;
    @Spec CommandSpec spec;
    @Mixin ConfigOptions options;

    @Parameters(
        paramLabel = "TOKEN",
        description = "The token, or - to read it from standard input (keeps it out of history).")
    String token;

    @Override
    public Integer call() {
      String t = token.equals("-") ? parent.main.readLine() : token;
      if (t == null || t.isBlank()) {
        spec.commandLine().getErr().println("No token given.");
        return 2;
      }
      try (PortcullisServer rt = options.tool(parent.main)) {
        TokenReport report = rt.injector().getInstance(TokenInspector.class).inspect(t.strip());
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.explain());
        out.flush();
        return report.valid() ? 0 : 1;
      }
    }
  }
}
