package dev.incidents.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate a small sample organisation, then ingest, transform, report, draft and run a"
            + " notebook; print where each output is.")
final class DemoCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "data/demo",
      description = "Demo folder.")
  Path out;

  /** The stages of the demo in order, with the issue that builds each. */
  static final List<String[]> STAGES =
      List.of(
          new String[] {"generate", "issue 3"},
          new String[] {"ingest", "issue 4"},
          new String[] {"transform", "issue 5"},
          new String[] {"report", "issue 6"},
          new String[] {"draft", "issue 9"},
          new String[] {"notebook", "issue 7"});

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("incidents demo: " + this.out);
    for (String[] stage : STAGES) {
      out.printf("  %-10s not built yet (%s)%n", stage[0], stage[1]);
    }
    out.println("Nothing to show yet; each stage appears here as its issue lands.");
    return ExitCode.OK;
  }
}
