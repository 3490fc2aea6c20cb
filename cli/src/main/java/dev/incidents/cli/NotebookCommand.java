package dev.incidents.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = "SQL notebooks over the lake.",
    subcommands = {NotebookCommand.Run.class})
final class NotebookCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Execute a SQL notebook and write its results.")
  static final class Run implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "notebooks/NAME.md")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--format", split = ",", description = "md, html (default: both).")
    List<String> formats;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "notebook run", "issue 7");
    }
  }
}
