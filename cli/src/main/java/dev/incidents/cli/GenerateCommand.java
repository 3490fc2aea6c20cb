package dev.incidents.cli;

import dev.incidents.generator.GenerationSummary;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Write a synthetic organisation's exports in real vendor formats: incident.io, PagerDuty,"
          + " Alertmanager, Slack (folder and zip), Jira (JSON and CSV), post-mortems, Statuspage,"
          + " and truth.json with the simulated milestones.",
      "The same --seed and --start give byte-identical output."
    })
final class GenerateCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(
      names = "--org",
      defaultValue = "small",
      description = "small, medium or large (default: ${DEFAULT-VALUE}).")
  String org;

  @Option(
      names = "--months",
      description = "Months to simulate (default: 3 for small, 12 otherwise).")
  Integer months;

  @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "data/exports",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--start",
      paramLabel = "YYYY-MM",
      description = "First simulated month (default: so that the window ends this month).")
  String start;

  @Option(
      names = "--snapshots",
      paramLabel = "none|daily",
      defaultValue = "none",
      description =
          "daily: also write snapshots/YYYY-MM-DD/, each tool's export as downloaded at the end of"
              + " that UTC day; the last day's is the final state (default: ${DEFAULT-VALUE})."
              + " Ingest snapshot folders, not DIR: ingest walks DIR and would read them all.")
  String snapshots;

  @Option(
      names = "--snapshot-every",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "With --snapshots daily, write every Nth day from the first; the last day is always"
              + " written (default: ${DEFAULT-VALUE}).")
  int snapshotEvery;

  @Override
  public Integer call() {
    Generator.Options options = options();
    PrintWriter out = spec.commandLine().getOut();
    long began = System.nanoTime();
    GenerationSummary summary;
    try (Progress progress =
        Progress.start(
            output.quiet(),
            "generate " + options.size().label(),
            Generator.taskCount(options),
            spec.commandLine().getErr())) {
      summary = Generator.generate(options, tool -> progress.step(tool));
    }
    Duration took = Duration.ofNanos(System.nanoTime() - began);
    if (output.quiet()) {
      out.println(options.out());
    } else {
      out.printf(
          "Generated a %s organisation (%d months from %s, seed %d) into %s in %.1f s%n",
          options.size().label(),
          options.months(),
          options.start(),
          options.seed(),
          options.out(),
          took.toMillis() / 1000.0);
      out.printf("  %-14s %8s %12s%n", "tool", "files", "MB");
      for (Map.Entry<String, long[]> entry : new java.util.TreeMap<>(summary.files()).entrySet()) {
        out.printf(
            "  %-14s %8d %12.1f%n", entry.getKey(), entry.getValue()[0], entry.getValue()[1] / 1e6);
      }
      out.printf("  %-14s %8s %12.1f%n", "total", "", summary.totalBytes() / 1e6);
      for (Map.Entry<String, Long> count : new java.util.TreeMap<>(summary.counts()).entrySet()) {
        out.printf("  %-32s %,12d%n", count.getKey(), count.getValue());
      }
    }
    return ExitCode.OK;
  }

  Generator.Options options() {
    OrgSize size;
    try {
      size = OrgSize.parse(org);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    int monthCount = months != null ? months : size.defaultMonths();
    YearMonth first;
    try {
      first = start != null ? YearMonth.parse(start) : Generator.Options.defaultStart(monthCount);
    } catch (DateTimeParseException e) {
      throw new UserException("Invalid --start: '" + start + "' (expected YYYY-MM)");
    }
    try {
      return new Generator.Options(
          size, monthCount, seed, out, first, Generator.Snapshots.parse(snapshots), snapshotEvery);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }
}
