package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.transform.spark.LocalCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "A real standalone Spark master and worker on 127.0.0.1, from the application's own jars.",
      "up prints the spark:// URL to pass to `incidents transform --master`; state and logs live"
          + " beside the lake in .spark-cluster/."
    })
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
    Config config = common.resolve();
    Path lake = common.lake(config).root();
    LocalCluster cluster = new LocalCluster(lake.getParent().resolve(".spark-cluster"));
    PrintWriter out = spec.commandLine().getOut();
    switch (action) {
      case up -> {
        String flags = System.getenv().getOrDefault("INCIDENTS_SPARK_FLAGS", "");
        LocalCluster.Status status;
        try (Progress progress =
            Progress.start(common, "cluster up", 1, spec.commandLine().getErr())) {
          status = cluster.up(LocalCluster.currentClassPath(), flags, Duration.ofSeconds(120));
          progress.step("running");
        }
        out.println(status.masterUrl());
        if (!common.quiet()) {
          out.println(
              "master pid "
                  + status.masterPid()
                  + ", worker pid "
                  + status.workerPid()
                  + " (2 cores, 2 GB)");
          out.println("next: ./incidents transform --master " + status.masterUrl());
        }
      }
      case down -> {
        cluster.down();
        if (!common.quiet()) {
          out.println("cluster stopped");
        }
      }
      case status -> {
        LocalCluster.Status status = cluster.status();
        out.println(status.running() ? "running " + status.masterUrl() : "not running");
        return status.running() ? ExitCode.OK : ExitCode.FAILURE;
      }
    }
    return ExitCode.OK;
  }
}
