package dev.incidents.cli;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.IngestSummary;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.transform.Engine;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate a small sample organisation, then ingest, transform, report, draft and run a"
            + " notebook; print where each output is.")
final class DemoCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "data/demo",
      description = "Demo folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--engine",
      defaultValue = "spark",
      description = "Transform engine: spark (default) or duckdb.")
  String engine;

  /** The stages of the demo in order, with the issue that builds each one not built yet. */
  static final List<String[]> STAGES =
      List.of(
          new String[] {"generate", ""},
          new String[] {"ingest", ""},
          new String[] {"transform", ""},
          new String[] {"report", ""},
          new String[] {"draft", ""},
          new String[] {"notebook", ""});

  @Override
  public Integer call() {
    PrintWriter print = spec.commandLine().getOut();
    Config config =
        common.resolve(Map.of(ConfigKeys.LAKE_PATH.name(), out.resolve("lake").toString()));
    Path exports = out.resolve("exports");
    Lake lake = new Lake(out.resolve("lake"));
    // Three full months ending last month, so "last month" has a complete report.
    YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(3);
    YearMonth lastFull = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    long started = System.nanoTime();
    Instant asOf = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    IngestSummary ingest;
    TransformJob.Summary transform;
    Path reports = out.resolve("reports").resolve(lastFull.toString());
    Path notebooks = out.resolve("notebooks");
    dev.incidents.reports.sql.NotebookRunner.Outcome notebook;
    dev.incidents.drafter.Drafter.Result drafted = null;
    try (Progress progress = Progress.start(common, "demo", 6, spec.commandLine().getErr())) {
      Generator.generate(new Generator.Options(OrgSize.SMALL, 3, 1, exports, first), tool -> {});
      progress.step("generated");
      ingest =
          new IngestJob(lake, config, Optional.empty(), ArchiveLimits.DEFAULT)
              .run(List.of(exports), bytes -> {});
      progress.step("ingested");
      TransformParameters parameters =
          TransformParameters.from(config, asOf, config.getZone(ConfigKeys.REPORT_TIMEZONE));
      try (Engine selected =
          TransformCommand.open(engine, config.get(ConfigKeys.SPARK_MASTER), lake, parameters)) {
        transform = new TransformJob(lake, parameters).run(selected, (step, seconds) -> {});
      }
      progress.step("transformed");
      try (Connection connection = LakeViews.open(lake)) {
        String latest = latestResolvedSev1(connection);
        if (latest != null) {
          dev.incidents.drafter.Drafter drafter =
              new dev.incidents.drafter.Drafter(
                  lake,
                  config.getZone(ConfigKeys.REPORT_TIMEZONE),
                  dev.incidents.drafter.LlmSettings.from(config, null),
                  500);
          drafted =
              drafter.draft(
                  connection,
                  latest,
                  "google",
                  out.resolve("drafts").resolve(latest + ".md"),
                  asOf);
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("Cannot draft the demo post-mortem: " + e.getMessage(), e);
      }
      progress.step("drafted");
      try (Connection connection = LakeViews.open(lake)) {
        dev.incidents.reports.Report report =
            new dev.incidents.reports.MonthlyReport(
                    connection,
                    config,
                    lastFull,
                    new dev.incidents.reports.MonthlyReport.Options(
                        asOf, java.util.Optional.of(asOf), reports, out.resolve("drafts")))
                .build();
        dev.incidents.reports.ReportWriter.write(
            report,
            reports,
            java.util.EnumSet.of(
                dev.incidents.reports.OutputFormat.MD,
                dev.incidents.reports.OutputFormat.HTML,
                dev.incidents.reports.OutputFormat.XLSX,
                dev.incidents.reports.OutputFormat.PDF));
      } catch (java.sql.SQLException | java.io.IOException e) {
        throw new IllegalStateException("Cannot write the demo report: " + e.getMessage(), e);
      }
      progress.step("reported");
      Path source = Path.of("notebooks", "01-mttr-by-service-and-severity.md");
      String text =
          java.nio.file.Files.isRegularFile(source)
              ? java.nio.file.Files.readString(source)
              : "# MTTR\n\n```sql\nSELECT month, severity, p50_time_to_resolve_s FROM monthly_metrics WHERE service = 'ALL' ORDER BY month, severity;\n```\n";
      try (Connection connection = dev.incidents.reports.sql.ReadOnlyLake.open(lake, "UTC")) {
        notebook = dev.incidents.reports.sql.NotebookRunner.run(text, connection);
        dev.incidents.reports.sql.NotebookRunner.write(
            notebook, notebooks, "01-mttr-by-service-and-severity", List.of("md", "html"));
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("Cannot run the demo notebook: " + e.getMessage(), e);
      }
      progress.step("notebook");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (common.quiet()) {
      print.println(reports.resolve("report.html"));
      return ExitCode.OK;
    }
    print.printf(
        "incidents demo: a 50-person organisation, %s to %s, in %.0f s%n%n",
        first, lastFull, (System.nanoTime() - started) / 1e9);
    print.printf(
        "  %-10s %s%n",
        "exports",
        exports
            + "  (incident.io, PagerDuty, Alertmanager, Slack, Jira, post-mortems, Statuspage; truth.json)");
    print.printf(
        "  %-10s %s%n",
        "lake",
        lake.root()
            + "  ("
            + ingest.sources().values().stream().mapToLong(s -> s.written()).sum()
            + " records, "
            + ingest.quarantined()
            + " quarantined)");
    print.printf(
        "  %-10s %s%n",
        "metrics",
        "incident_facts, monthly_metrics, alert_rule_stats, responder_load, action_item_facts, data_quality on "
            + transform.engine()
            + " (definitions "
            + transform.definitionsVersion()
            + ")");
    print.printf(
        "  %-10s %s%n",
        "report",
        reports.resolve("report.html")
            + "  (also report.md with PNG charts, report.xlsx, report.pdf)");
    if (drafted != null) {
      print.printf(
          "  %-10s %s%n",
          "draft",
          drafted.file()
              + "  (post-mortem of "
              + drafted.incident()
              + ", the latest resolved SEV1"
              + (drafted.llmUsed() ? ", with an LLM narrative" : ", deterministic")
              + ")");
    }
    print.printf(
        "  %-10s %s%n",
        "notebook",
        notebooks.resolve("01-mttr-by-service-and-severity.html")
            + "  ("
            + notebook.cells()
            + " cells)");
    for (String[] stage : STAGES) {
      if (!stage[1].isEmpty()) {
        print.printf("  %-10s not built yet (%s)%n", stage[0], stage[1]);
      }
    }
    print.println();
    headline(print, lake, lastFull.toString());
    print.println();
    print.println("Next:");
    print.println(
        "  ./incidents draft INC-1 --lake " + lake.root() + " [--llm openai|ollama|anthropic]");
    print.println(
        "  ./incidents sql --lake "
            + lake.root()
            + "        # interactive, read-only; .tables, .schema NAME");
    print.println(
        "  ./incidents notebook run notebooks/03-alert-noise-audit.md --lake " + lake.root());
    print.println(
        "  ./incidents report monthly --lake "
            + lake.root()
            + " --month "
            + lastFull
            + " --format md,html,xlsx,pdf   # into data/reports/"
            + lastFull);
    print.println("  ./incidents transform --lake " + lake.root() + " --engine duckdb");
    print.println(
        "  ./incidents cluster up --lake "
            + lake.root()
            + "   # then transform --master spark://...");
    return ExitCode.OK;
  }

  private static String latestResolvedSev1(Connection connection) throws java.sql.SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT reference FROM incident_facts WHERE counted AND severity = 'SEV1' AND resolved_at IS NOT NULL ORDER BY resolved_at DESC LIMIT 1")) {
      return result.next() ? result.getString(1) : null;
    }
  }

  private static void headline(PrintWriter print, Lake lake, String month) {
    String sql =
        "SELECT incidents, p50_time_to_resolve_s, alerts_per_incident, pm_completion_rate FROM monthly_metrics WHERE month = '"
            + month
            + "' AND severity = 'ALL' AND service = 'ALL'";
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      if (result.next()) {
        print.printf(
            "%s: %d incidents, p50 time to resolve %s, %.1f alerts per incident%n",
            month,
            result.getLong(1),
            result.getObject(2) == null ? "n/a" : Math.round(result.getDouble(2) / 60) + " min",
            result.getDouble(3));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Cannot read the demo's metrics: " + e.getMessage(), e);
    }
  }
}
