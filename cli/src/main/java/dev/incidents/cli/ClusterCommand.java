package dev.incidents.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "A real standalone Spark master and worker on 127.0.0.1.")
final class ClusterCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ACTION", description = "up, down or status")
  Action action;

  enum Action {
    up,
    down,
    status
  }

  @Override
  public Integer call() {
    return NotBuiltYet.report(spec.commandLine().getErr(), "cluster " + action, "issue 5");
  }
}
