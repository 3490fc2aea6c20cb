package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.core.schema.LakeTables;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.reports.MonthlyReport;
import dev.incidents.reports.OutputFormat;
import dev.incidents.reports.QuarterlyReport;
import dev.incidents.reports.Report;
import dev.incidents.reports.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    subcommands = {ReportCommand.Monthly.class, ReportCommand.Quarterly.class})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the help on stderr, and exit 2 so a script notices. */
  @Override
  public Integer call() {
    return Main.usageError(spec);
  }

  @Command(
      name = "monthly",
      mixinStandardHelpOptions = true,
      description = {
        "The monthly leadership report: report.md with PNG charts, a self-contained report.html and"
            + " report.xlsx, from the derived tables (run `incidents transform` first).",
        "Exit code 2 when the lake has no derived tables or the month has no data, so a scheduler can alert."
      })
  static final class Monthly implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(names = "--month", paramLabel = "YYYY-MM", required = true, description = "Month.")
    String month;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description =
            "Output folder (default: <report.out-dir>/YYYY-MM, report.out-dir = data/reports).")
    Path out;

    @Option(
        names = "--as-of",
        paramLabel = "INSTANT",
        description =
            "What is overdue and what is open is judged at this instant (ISO-8601, such as"
                + " 2026-12-01T00:00:00Z; default: the transform's as-of).")
    String asOf;

    @Option(
        names = "--format",
        split = ",",
        description = "md, html, xlsx, pdf (default: md, html, xlsx).")
    List<String> formats;

    @Override
    public Integer call() {
      YearMonth which;
      try {
        which = YearMonth.parse(month);
      } catch (DateTimeParseException e) {
        throw new UserException("Invalid --month: '" + month + "' (expected YYYY-MM)");
      }
      return write(
          common,
          spec,
          which.toString(),
          formats(formats),
          asOf(asOf),
          out,
          (connection, config, options) ->
              new MonthlyReport(connection, config, which, options).build());
    }
  }

  /** Builds one report from the lake. */
  @FunctionalInterface
  interface Builder {
    Report build(Connection connection, Config config, MonthlyReport.Options options)
        throws SQLException;
  }

  /**
   * What the monthly and quarterly reports share: the lake check, the output folder ({@code
   * report.out-dir}/PERIOD unless --out), progress, writing every format, and the result line (the
   * path alone with -q).
   */
  static int write(
      CommonOptions common,
      CommandSpec spec,
      String period,
      Set<OutputFormat> selected,
      Optional<Instant> asOf,
      Path out,
      Builder builder) {
    Config config = common.resolve();
    Lake lake = lake(common, config);
    Path target = out != null ? out : Path.of(config.get(ConfigKeys.REPORT_OUT_DIR), period);
    Report report;
    try (Progress progress = Progress.start(common, "report " + period, 2);
        Connection connection = LakeViews.open(lake)) {
      report =
          builder.build(
              connection,
              config,
              new MonthlyReport.Options(
                  Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                  asOf,
                  target,
                  Path.of(config.get(ConfigKeys.REPORT_DRAFTS_DIR))));
      progress.step("built");
      ReportWriter.write(report, target, selected);
      progress.step("written");
    } catch (MonthlyReport.EmptyWindowException e) {
      throw new UserException(e.getMessage());
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("Cannot write the report: " + e.getMessage(), e);
    }
    if (common.quiet()) {
      // -q: only the result path, as for every command.
      spec.commandLine().getOut().println(target.toAbsolutePath());
    } else {
      spec.commandLine()
          .getOut()
          .println(
              "Report for "
                  + period
                  + " in "
                  + target.toAbsolutePath()
                  + ": "
                  + String.join(", ", selected.stream().map(OutputFormat::file).toList())
                  + ", "
                  + report.charts().size()
                  + " charts");
    }
    return ExitCode.OK;
  }

  static Set<OutputFormat> formats(List<String> formats) {
    Set<OutputFormat> selected = new LinkedHashSet<>();
    for (String format : formats == null ? List.of("md", "html", "xlsx") : formats) {
      try {
        selected.add(OutputFormat.parse(format));
      } catch (IllegalArgumentException e) {
        throw new UserException(
            "Unknown --format: " + format + " (expected md, html, xlsx or pdf)");
      }
    }
    return selected;
  }

  static Optional<Instant> asOf(String asOf) {
    if (asOf == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(asOf));
    } catch (DateTimeParseException e) {
      throw new UserException(
          "Invalid --as-of: '"
              + asOf
              + "' (expected an ISO-8601 instant such as 2026-12-01T00:00:00Z)");
    }
  }

  static Lake lake(CommonOptions common, Config config) {
    Lake lake = common.lake(config);
    if (!lake.exists(LakeTables.MONTHLY_METRICS)) {
      throw new UserException(
          "No monthly_metrics in the lake at " + lake.root() + ": run `incidents transform` first");
    }
    return lake;
  }

  @Command(
      name = "quarterly",
      mixinStandardHelpOptions = true,
      description = {
        "The quarterly report: the quarter's months side by side, the quarter against the one"
            + " before (with bootstrap intervals), trend charts and the quarter's incidents at the"
            + " post-mortem severities. A quarter that has not ended covers its months so far.",
        "Exit code 2 when the lake has no derived tables or the quarter has no data."
      })
  static final class Quarterly implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(
        names = "--quarter",
        paramLabel = "YYYY-Qn",
        required = true,
        description = "Quarter, such as 2026-Q4.")
    String quarter;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Output folder (default: <report.out-dir>/YYYY-Qn).")
    Path out;

    @Option(
        names = "--as-of",
        paramLabel = "INSTANT",
        description =
            "What is published is judged at this instant (default: the transform's as-of).")
    String asOf;

    @Option(
        names = "--format",
        split = ",",
        description = "md, html, xlsx, pdf (default: md, html, xlsx).")
    List<String> formats;

    @Override
    public Integer call() {
      QuarterlyReport.Quarter which;
      try {
        which = QuarterlyReport.Quarter.parse(quarter);
      } catch (DateTimeParseException e) {
        throw new UserException(
            "Invalid --quarter: '" + quarter + "' (expected YYYY-Qn, such as 2026-Q4)");
      }
      return write(
          common,
          spec,
          which.toString(),
          formats(formats),
          asOf(asOf),
          out,
          (connection, config, options) ->
              new QuarterlyReport(connection, config, which, options).build());
    }
  }
}
