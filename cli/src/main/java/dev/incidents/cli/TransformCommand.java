package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.lake.Lake;
import dev.incidents.transform.Engine;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import dev.incidents.transform.duckdb.DuckDbEngine;
import dev.incidents.transform.spark.SparkEngine;
import dev.incidents.transform.spark.SparkSessions;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = {
      "Compute incident_facts, monthly_metrics, alert_rule_stats, responder_load,"
          + " action_item_facts and data_quality with one SQL pipeline, on Spark (default) or DuckDB.",
      "Definitions: docs/metrics.md."
    })
final class TransformCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--engine", description = "spark (default) or duckdb.")
  String engine;

  @Option(
      names = "--master",
      description = "Spark master: local[*] (default), spark://127.0.0.1:7077, ...")
  String master;

  @Option(
      names = "--as-of",
      paramLabel = "INSTANT",
      description =
          "Open and overdue are decided at this instant (default: now), e.g. 2026-11-01T00:00:00Z.")
  String asOf;

  @Option(
      names = "--timezone",
      paramLabel = "TZ",
      description = "Report timezone that defines a month (default: report.timezone).")
  String timezone;

  @Override
  public Integer call() {
    Map<String, String> flags = new HashMap<>();
    if (engine != null) {
      flags.put(ConfigKeys.TRANSFORM_ENGINE.name(), engine);
    }
    if (master != null) {
      flags.put(ConfigKeys.SPARK_MASTER.name(), master);
    }
    if (timezone != null) {
      flags.put(ConfigKeys.REPORT_TIMEZONE.name(), timezone);
    }
    Config config = common.resolve(flags);
    Lake lake = common.lake(config);
    if (!lake.exists(dev.incidents.core.schema.LakeTables.INCIDENTS)) {
      // A lake, checked before the command ran (Main), but without incidents yet.
      throw new UserException(
          "No incidents in the lake at " + lake.root() + ": run `incidents ingest` first");
    }
    TransformParameters parameters;
    try {
      ZoneId zone = config.getZone(ConfigKeys.REPORT_TIMEZONE);
      parameters = TransformParameters.from(config, parseAsOf(asOf), zone);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    String engineName = config.get(ConfigKeys.TRANSFORM_ENGINE);
    if (master != null && !engineName.equals("spark")) {
      throw new UserException(
          "--master and --engine "
              + engineName
              + " cannot be used together: --master is the Spark cluster to run on");
    }
    PrintWriter out = spec.commandLine().getOut();
    TransformJob.Summary summary;
    try (Progress progress =
        Progress.start(
            common,
            "transform (" + engineName + ")",
            dev.incidents.transform.SqlPipeline.STEPS.size() + 1L,
            spec.commandLine().getErr())) {
      long opening = System.nanoTime();
      try (Engine selected =
          open(engineName, config.get(ConfigKeys.SPARK_MASTER), lake, parameters)) {
        progress.step(
            engineName.equals("spark") ? "Spark session" : "DuckDB",
            (System.nanoTime() - opening) / 1e9);
        summary =
            new TransformJob(lake, parameters)
                .run(selected, (step, seconds) -> progress.step(step, seconds));
      }
    }
    if (common.quiet()) {
      out.println(lake.root());
    } else {
      out.printf(
          "Transform on %s: %.1f s, definitions %s, as of %s, months in %s%n",
          summary.engine(),
          summary.seconds(),
          summary.definitionsVersion(),
          parameters.asOf(),
          parameters.reportZone());
      for (TransformJob.StepResult step : summary.steps()) {
        out.printf(
            "  %-20s %8.2f s %10s%n",
            step.step(), step.seconds(), step.rows() > 0 ? step.rows() + " rows" : "");
      }
    }
    return ExitCode.OK;
  }

  static Instant parseAsOf(String asOf) {
    if (asOf == null) {
      return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
    try {
      return Instant.parse(asOf);
    } catch (DateTimeParseException e) {
      try {
        return java.time.LocalDate.parse(asOf).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException again) {
        throw new UserException(
            "Invalid --as-of: '" + asOf + "' (expected 2026-11-01T00:00:00Z or 2026-11-01)");
      }
    }
  }

  static Engine open(String engine, String master, Lake lake, TransformParameters parameters) {
    return switch (engine) {
      case "duckdb" -> new DuckDbEngine(lake, parameters);
      case "spark" ->
          new SparkEngine(
              SparkSessions.create(master, "incidents-transform"), true, lake, parameters);
      default ->
          throw new UserException("Unknown engine: '" + engine + "' (expected spark or duckdb)");
    };
  }
}
