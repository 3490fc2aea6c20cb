package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.io.FileTrees;
import dev.incidents.ingest.Format;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.ingest.SourceStats;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.ingest.spool.WebhookTargets;
import dev.incidents.lake.CommitResult;
import dev.incidents.pull.PullJob;
import dev.incidents.pull.TargetedPull;
import dev.incidents.pull.http.RetrySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    description = {
      "Read vendor exports (files, folders or zip archives) into the Parquet lake. Formats are"
          + " detected from content; bad records go to the quarantine table with a reason.",
      "PagerDuty and incident.io webhook events of a receive spool trigger a targeted pull of"
          + " their incidents when sources.pagerduty / sources.incidentio is configured"
          + " (docs/receive.md).",
      "Exit code 3 when any record was quarantined, 1 when a targeted pull failed."
    })
final class IngestCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      description =
          "Force a format: incidentio, pagerduty, opsgenie, statuspage, alertmanager, grafana,"
              + " jira, postmortems, canonical, spool.")
  String format;

  @Option(
      names = "--source-timezone",
      paramLabel = "TZ",
      description = "Zone for timestamps that carry none (PagerDuty analytics, Jira CSV).")
  String sourceTimezone;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Parser threads (default: the number of cores); the lake comes out byte-for-byte the same for any N.")
  Integer threads;

  @Option(
      names = "--memory",
      paramLabel = "SIZE",
      description =
          "Heap the staged rows may hold before they spill to sorted runs on disk, e.g. 2g or 512m (default: a quarter of the heap, at most 128m).")
  String memory;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files, folders or zip archives (default: ingest.sources).")
  List<Path> paths;

  @Override
  public Integer call() {
    Map<String, String> flags = new HashMap<>();
    if (sourceTimezone != null) {
      flags.put(ConfigKeys.SOURCE_TIMEZONE.name(), sourceTimezone);
    }
    Config config = common.resolve(flags);
    List<Path> inputs = new ArrayList<>();
    if (paths != null) {
      inputs.addAll(paths);
    } else {
      config.getList(ConfigKeys.SOURCES).forEach(source -> inputs.add(Path.of(source)));
    }
    if (inputs.isEmpty()) {
      throw new UserException("No input: give PATH... or set ingest.sources");
    }
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new UserException("Input not found: " + input);
      }
    }
    Optional<Format> forced = Optional.empty();
    if (format != null) {
      forced =
          Optional.of(
              Format.parse(format)
                  .orElseThrow(() -> new UserException("Unknown --format: " + format)));
    }
    try {
      config.getZone(ConfigKeys.SOURCE_TIMEZONE);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    if (threads != null && threads < 1) {
      throw new UserException("Invalid --threads: " + threads + " (expected 1 or more)");
    }
    dev.incidents.lake.MemoryBudget budget;
    try {
      budget =
          memory == null
              ? dev.incidents.lake.MemoryBudget.fromHeap()
              : new dev.incidents.lake.MemoryBudget(
                  dev.incidents.lake.MemoryBudget.parseSize(memory));
    } catch (IllegalArgumentException e) {
      throw new UserException(
          "Invalid --memory: '" + memory + "' (expected a positive size such as 2g or 512m)");
    }
    IngestSummary summary;
    try (Progress progress =
        Progress.startBytes(
            common.quiet(), "ingest", totalBytes(inputs), spec.commandLine().getErr())) {
      IngestJob job =
          new IngestJob(common.lake(config), config, forced, ArchiveLimits.DEFAULT).memory(budget);
      if (threads != null) {
        job.threads(threads);
      }
      summary = job.run(inputs, progress::stepBy);
    } catch (IngestJob.UndetectedFormatException e) {
      throw new UserException(e.getMessage());
    }
    Path lake = common.lake(config).root();
    print(spec.commandLine().getOut(), summary, common.quiet(), lake);
    long quarantined = summary.quarantined();
    boolean failed = false;
    if (forced.isEmpty() || forced.get() == Format.SPOOL) {
      // issue 18: the webhook events just stored trigger a targeted pull of their incidents
      Map<String, Map<String, Instant>> targets = WebhookTargets.scan(inputs);
      if (!targets.isEmpty()) {
        TargetedPull.Outcome outcome =
            new TargetedPull(
                    common.lake(config),
                    config,
                    PullJob.rawRootOf(lake),
                    RetrySettings.production(),
                    Clock.systemUTC())
                .run(targets);
        PrintWriter lines =
            common.quiet() ? spec.commandLine().getErr() : spec.commandLine().getOut();
        outcome.lines().forEach(line -> lines.println("incidents ingest: " + line));
        if (outcome.ingest().isPresent()) {
          if (!common.quiet()) {
            print(spec.commandLine().getOut(), outcome.ingest().get(), false, lake);
          }
          quarantined += outcome.ingest().get().quarantined();
        }
        failed = !outcome.failures().isEmpty();
      }
    }
    if (common.quiet() && quarantined > 0) {
      spec.commandLine().getErr().println("incidents ingest: " + quarantineHint(quarantined, lake));
    }
    if (failed) {
      return ExitCode.FAILURE;
    }
    return quarantined > 0 ? ExitCode.PARTIAL : ExitCode.OK;
  }

  static long totalBytes(List<Path> inputs) {
    long total = 0;
    for (Path input : inputs) {
      try {
        total += FileTrees.size(input);
      } catch (java.io.IOException e) {
        // progress only
      }
    }
    return Math.max(1, total);
  }

  /** The line that says how many records were quarantined and the query that shows them. */
  static String quarantineHint(long quarantined, Path lake) {
    return quarantined
        + " record(s) quarantined: see `incidents sql --lake "
        + lake
        + " -e \"SELECT * FROM quarantine\"`";
  }

  /** The summary; with quiet, only the lake's path (the quarantine line goes to stderr). */
  static void print(PrintWriter out, IngestSummary summary, boolean quiet, Path lake) {
    if (quiet) {
      out.println(lake);
      return;
    }
    out.printf(
        "Ingest run %s: %.1f MB in %.1f s%n",
        summary.runId(), summary.bytes() / 1e6, summary.seconds());
    out.printf(
        "  %-13s %7s %10s %10s %10s %11s %8s %10s %8s%n",
        "source",
        "files",
        "read",
        "written",
        "duplicates",
        "quarantined",
        "ignored",
        "redactions",
        "MB/s");
    for (Map.Entry<String, SourceStats> entry : summary.sources().entrySet()) {
      SourceStats stats = entry.getValue();
      out.printf(
          "  %-13s %7d %10d %10d %10d %11d %8d %10d %8.1f%n",
          entry.getKey(),
          stats.files(),
          stats.read(),
          stats.written(),
          stats.duplicates(),
          stats.quarantined(),
          stats.ignored(),
          stats.redactions(),
          stats.megabytesPerSecond());
    }
    out.printf(
        "  %-16s %10s %10s %10s %10s%n", "table", "rows", "inserted", "updated", "unchanged");
    for (Map.Entry<String, CommitResult> entry : summary.tables().entrySet()) {
      CommitResult result = entry.getValue();
      out.printf(
          "  %-16s %10d %10d %10d %10d%s%n",
          entry.getKey(),
          result.rowsInTable(),
          result.inserted(),
          result.updated(),
          result.unchanged(),
          result.committed() ? "" : "  (no change)");
    }
    if (!summary.redactions().isEmpty()) {
      out.println("  redacted secrets: " + summary.redactions());
    }
    for (Map.Entry<String, SourceStats> entry : summary.sources().entrySet()) {
      for (Map.Entry<String, Long> path : entry.getValue().ignoredPaths().entrySet()) {
        out.printf(
            "  %s: ignored %d object(s) at %s (recognised, not mapped)%n",
            entry.getKey(), path.getValue(), path.getKey());
      }
      for (Map.Entry<String, Long> observation : entry.getValue().observations().entrySet()) {
        out.printf("  %s: %d %s%n", entry.getKey(), observation.getValue(), observation.getKey());
      }
    }
    for (String name : summary.skipped()) {
      out.println("  skipped (not an export): " + name);
    }
    for (String name : summary.unknown()) {
      out.println("  unknown format, quarantined: " + name);
    }
    if (summary.quarantined() > 0) {
      out.println("  " + quarantineHint(summary.quarantined(), lake));
    }
  }
}
