package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = "Compute incident facts and monthly metrics on Spark or DuckDB.")
final class TransformCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--engine", description = "spark (default) or duckdb.")
  String engine;

  @Option(names = "--master", description = "Spark master: local[*], spark://host:port, ...")
  String master;

  @Option(
      names = "--as-of",
      paramLabel = "INSTANT",
      description = "What is open or overdue is decided at this instant (default: now).")
  String asOf;

  @Option(
      names = "--timezone",
      paramLabel = "TZ",
      description = "Report timezone that defines a month.")
  String timezone;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "transform", "issue 5");
  }
}
