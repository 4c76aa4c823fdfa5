package dev.portcullis.auth.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portcullis.auth.server.TestConfigs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The CLI's help is complete and clean: what a newcomer reads first. */
class CliHelpTest {

  private static CommandLine cli(StringWriter out) {
    PrintWriter pw = new PrintWriter(out, true);
    return Main.commandLine(
            new Main(TestConfigs.environment(), new ByteArrayInputStream(new byte[0])))
        .setOut(pw)
        .setErr(pw);
  }

  private static List<CommandLine> allCommands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      if (!all.contains(sub)) {
        all.addAll(allCommands(sub));
      }
    }
    return all;
  }

  @Test
  void everyCommandsHelp_printsWithoutAPicocliWarning() {
    CommandLine root = cli(new StringWriter());
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      for (CommandLine c : allCommands(root)) {
        StringWriter help = new StringWriter();
        c.usage(new PrintWriter(help, true));
        assertThat(help.toString()).as(c.getCommandSpec().qualifiedName()).contains("Usage:");
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).as("picocli warnings").isEmpty();
  }

  @Test
  void everyOptionAndParameter_hasADescription() {
    List<String> undescribed = new ArrayList<>();
    for (CommandLine c : allCommands(cli(new StringWriter()))) {
      for (ArgSpec arg : c.getCommandSpec().args()) {
        if (arg.hidden() || arg.description().length > 0 && !arg.description()[0].isBlank()) {
          continue;
        }
        String name =
            arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel() + " (parameter)";
        undescribed.add(c.getCommandSpec().qualifiedName() + " " + name);
      }
    }
    assertThat(undescribed).isEmpty();
  }

  @Test
  void optionsWithADefault_showIt_andNoSettingNameIsSplitAcrossLines() {
    List<String> split = new ArrayList<>();
    for (CommandLine c : allCommands(cli(new StringWriter()))) {
      StringWriter help = new StringWriter();
      c.usage(new PrintWriter(help, true));
      String[] lines = help.toString().split("\\R");
      for (int i = 0; i + 1 < lines.length; i++) {
        // "auth.token." at a line's end, "previous-key" on the next: a name a reader copies.
        if (lines[i].matches(".*\\bauth\\.[a-z.-]*$") && lines[i + 1].trim().matches("[a-z].*")) {
          split.add(c.getCommandSpec().qualifiedName() + ": " + lines[i].trim());
        }
      }
    }
    assertThat(split).isEmpty();

    StringWriter out = new StringWriter();
    assertThat(cli(out).execute("user", "list", "--help")).isZero();
    assertThat(out.toString()).contains("Default: 100");
  }

  @Test
  void generateCompletion_printsABashScriptCoveringTheCommands() {
    StringWriter out = new StringWriter();
    int code = cli(out).execute("generate-completion");
    assertThat(code).isZero();
    assertThat(out.toString())
        .contains("complete -F")
        .contains("serve")
        .contains("doctor")
        .contains("--data-dir");
  }
}
