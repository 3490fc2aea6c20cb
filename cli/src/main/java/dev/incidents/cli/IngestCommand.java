package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Read vendor exports into the Parquet lake; bad records go to quarantine.")
final class IngestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--format", description = "Force a format instead of detecting it.")
  String format;

  @Option(
      names = "--source-timezone",
      paramLabel = "TZ",
      description = "Zone for timestamps that carry none.")
  String sourceTimezone;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Files, folders or zip archives.")
  java.util.List<java.nio.file.Path> paths;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "ingest", "issue 4");
  }
}
