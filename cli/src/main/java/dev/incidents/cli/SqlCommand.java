package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Read-only SQL over the lake (DuckDB); a console when no query is given.")
final class SqlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "-e", paramLabel = "QUERY", description = "Run one query.")
  String query;

  @Option(names = "-f", paramLabel = "FILE", description = "Run the statements of a file.")
  java.nio.file.Path file;

  @Option(names = "--format", defaultValue = "table", description = "table, csv, json or markdown.")
  String format;

  @Option(names = "--max-rows", defaultValue = "100", description = "Row cap for table output.")
  int maxRows;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "sql", "issue 7");
  }
}
