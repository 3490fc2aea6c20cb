package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure every stage against the targets in PRODUCT.md.")
final class BenchCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--org", defaultValue = "small", description = "small, medium or large.")
  String org;

  @Option(names = "--format", defaultValue = "table", description = "table or json.")
  String format;

  @Option(names = "--stages", split = ",", description = "Stages to measure (default: all).")
  java.util.List<String> stages;

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "bench", "issue 8");
  }
}
