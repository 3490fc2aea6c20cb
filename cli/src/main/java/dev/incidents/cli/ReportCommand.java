package dev.incidents.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Leadership reports.",
    subcommands = {ReportCommand.Monthly.class})
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "monthly",
      mixinStandardHelpOptions = true,
      description = "The monthly leadership report: Markdown, HTML with charts, XLSX.")
  static final class Monthly implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--month", paramLabel = "YYYY-MM", required = true, description = "Month.")
    String month;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Output folder (default reports/YYYY-MM).")
    Path out;

    @Option(names = "--as-of", paramLabel = "INSTANT", description = "Reference instant.")
    String asOf;

    @Option(names = "--format", split = ",", description = "md, html, xlsx (default: all).")
    List<String> formats;

    @Override
    public Integer call() {
      return NotBuiltYet.report(spec.commandLine().getErr(), "report monthly", "issue 6");
    }
  }
}
