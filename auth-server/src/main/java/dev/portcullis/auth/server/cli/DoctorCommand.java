package dev.portcullis.auth.server.cli;

import dev.portcullis.auth.server.internal.Doctor;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doctor}: checks everything {@code serve} needs and reports every problem with its fix in
 * one run; exits 1 when there is any.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check settings, database (reachable, migrations), keys (strength, permissions), clock and"
          + " port; report every problem with its fix.",
      "Exits 1 when a problem was found. Changes nothing."
    })
final class DoctorCommand implements Callable<Integer> {

  @ParentCommand Main main;
  @Spec CommandSpec spec;
  @Mixin ConfigOptions options;

  @Option(names = "--port", paramLabel = "PORT", description = "The port 'serve' would use.")
  Integer port;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Doctor.Report report = Doctor.examine(options.load(main, port), Clock.systemUTC());
    out.println("Portcullis doctor");
    for (Doctor.Finding f : report.findings()) {
      out.printf("  %-4s  %s: %s%n", f.level(), f.subject(), f.message());
      if (f.fix() != null && f.level() != Doctor.Level.OK) {
        out.printf("        fix: %s%n", f.fix());
      }
    }
    int problems = report.problems().size();
    long warnings = report.findings().stream().filter(f -> f.level() == Doctor.Level.WARN).count();
    String warned =
        warnings == 0
            ? ""
            : warnings + (warnings == 1 ? " warning" : " warnings") + " (the server starts anyway)";
    if (problems == 0) {
      out.println(warnings == 0 ? "No problems found." : "No problems found; " + warned + ".");
    } else {
      out.println(
          problems
              + (problems == 1 ? " problem" : " problems")
              + " found"
              + (warnings == 0 ? "" : " and " + warned)
              + "; fix each above.");
    }
    out.flush();
    return problems == 0 ? 0 : 1;
  }
}
