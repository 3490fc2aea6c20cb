package dev.incidents.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidents.core.config.Config;
import dev.incidents.core.config.ConfigKeys;
import dev.incidents.generator.Generator;
import dev.incidents.generator.OrgSize;
import dev.incidents.ingest.IngestJob;
import dev.incidents.ingest.input.ArchiveLimits;
import dev.incidents.lake.Lake;
import dev.incidents.lake.LakeViews;
import dev.incidents.transform.Engine;
import dev.incidents.transform.TransformJob;
import dev.incidents.transform.TransformParameters;
import dev.incidents.transform.duckdb.DuckDbEngine;
import java.awt.Paint;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monthly report over a generated organisation, ingested and transformed for real. Expected
 * figures are recomputed here from incident_facts, independently of the report code.
 */
class MonthlyReportTest {
  static final YearMonth MONTH = YearMonth.of(2026, 5);
  static final Instant AS_OF = Instant.parse("2026-07-01T00:00:00Z");
  @TempDir static Path directory;
  static Lake lake;
  static Report report;
  static Path out;

  @BeforeAll
  static void buildTheReport() throws Exception {
    Path exports = directory.resolve("exports");
    Generator.generate(
        new Generator.Options(OrgSize.MEDIUM, 4, 5, exports, YearMonth.of(2026, 3)), tool -> {});
    lake = new Lake(directory.resolve("lake"));
    new IngestJob(lake, Config.defaults(), Optional.empty(), ArchiveLimits.DEFAULT)
        .run(List.of(exports), bytes -> {});
    TransformParameters parameters =
        TransformParameters.from(
            Config.defaults(), AS_OF, Config.defaults().getZone(ConfigKeys.REPORT_TIMEZONE));
    try (Engine engine = new DuckDbEngine(lake, parameters)) {
      new TransformJob(lake, parameters).run(engine, (step, seconds) -> {});
    }
    out = directory.resolve("data").resolve("reports").resolve(MONTH.toString());
    report = build(Instant.parse("2026-07-02T08:00:00Z"), Optional.empty());
    ReportWriter.write(report, out, EnumSet.allOf(OutputFormat.class));
  }

  static Report build(Instant generatedAt, Optional<Instant> asOf) throws Exception {
    try (Connection connection = LakeViews.open(lake)) {
      return new MonthlyReport(
              connection,
              Config.defaults(),
              MONTH,
              new MonthlyReport.Options(generatedAt, asOf, out, directory.resolve("drafts")))
          .build();
    }
  }

  static double[] counted(String column, YearMonth month) throws Exception {
    List<Double> values = new ArrayList<>();
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT "
                    + column
                    + " FROM incident_facts WHERE counted AND month = '"
                    + month
                    + "' AND "
                    + column
                    + " IS NOT NULL")) {
      while (result.next()) {
        values.add((double) result.getLong(1));
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  /** An independent median: the mean of the two middle values for an even count. */
  static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  @Test
  void headlineFiguresInTheMarkdownMatchTheFacts() throws Exception {
    double[] now = counted("time_to_resolve_s", MONTH);
    double[] before = counted("time_to_resolve_s", MONTH.minusMonths(1));
    assertThat(now.length).isGreaterThan(10);
    double p50 = median(now);
    double previous = median(before);
    String markdown = Files.readString(out.resolve("report.md"));
    assertThat(markdown)
        .contains(
            "| p50 time to resolve | "
                + Format.duration(p50)
                + " | "
                + Format.duration(previous)
                + " | "
                + Format.signedDuration(p50 - previous)
                + " |");
    assertThat(markdown).contains("| Incidents (counted) | " + now.length + " |");
  }

  @Test
  void theWorkbookHasASummaryFirstAndTypedCells() throws Exception {
    double[] now = counted("time_to_resolve_s", MONTH);
    try (InputStream stream = Files.newInputStream(out.resolve("report.xlsx"));
        XSSFWorkbook workbook = new XSSFWorkbook(stream)) {
      Sheet summary = workbook.getSheetAt(0);
      assertThat(summary.getSheetName()).isEqualTo("Summary");
      assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo(report.title());
      assertThat(summary.getRow(4).getCell(0).getStringCellValue())
          .isEqualTo(report.summary().get(0));
      assertThat(workbook.getAllPictures()).hasSize(report.charts().size());
      Sheet headline = workbook.getSheet("headline");
      Row header = headline.getRow(0);
      List<String> headers = new ArrayList<>();
      header.forEach(cell -> headers.add(cell.getStringCellValue()));
      assertThat(headers)
          .containsExactly(
              "Figure",
              "This month (min)",
              "Previous (min)",
              "Change (min)",
              "95% CI of change low (min)",
              "95% CI of change high (min)",
              "n",
              "n previous",
              "Note");
      Row p50 = headline.getRow(1);
      assertThat(p50.getCell(0).getStringCellValue()).isEqualTo("p50 time to resolve");
      assertThat(p50.getCell(1).getNumericCellValue())
          .isCloseTo(median(now) / 60, org.assertj.core.api.Assertions.within(1e-9));
      for (int column = 1; column <= 7; column++) {
        assertThat(p50.getCell(column).getCellType())
            .as("column " + column)
            .isEqualTo(CellType.NUMERIC);
      }
      assertThat(p50.getCell(4).getNumericCellValue())
          .isLessThanOrEqualTo(p50.getCell(5).getNumericCellValue());
      assertThat(p50.getCell(6).getNumericCellValue()).isEqualTo(now.length);
      assertThat(headline.getPaneInformation().isFreezePane()).isTrue();
      Sheet overdue = workbook.getSheet("overdue_postmortems");
      assertThat(overdue.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Resolved");
      if (overdue.getLastRowNum() > 0) {
        assertThat(overdue.getRow(1).getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(DateUtil.isCellDateFormatted(overdue.getRow(1).getCell(3))).isTrue();
      }
      Sheet targets = workbook.getSheet("targets");
      assertThat(targets.getRow(1).getCell(1).getCellStyle().getDataFormatString())
          .isEqualTo("0.0%");
      for (String sheet :
          List.of(
              "incidents_this_month",
              "noisy_rules",
              "responder_load",
              "overdue_action_items",
              "data_quality",
              "to_date")) {
        assertThat(workbook.getSheet(sheet)).as(sheet).isNotNull();
      }
    }
  }

  @Test
  void everySectionIsThereInOrderUnderTheExecutiveSummary() throws Exception {
    String markdown = Files.readString(out.resolve("report.md"));
    List<String> sections =
        List.of(
            "## Executive summary",
            "## Headline",
            "### What drove the change",
            "## Incidents this month",
            "## Trends",
            "### Quarter to date and year to date",
            "## Where the time goes",
            "## Incidents by service",
            "### Top recurring incident types",
            "## Alerts",
            "### The 10 noisiest rules",
            "## Post-mortems and action items",
            "### Overdue post-mortems",
            "## Response",
            "## On-call load",
            "## Excluded and open incidents",
            "## Data quality",
            "## Definitions and provenance");
    int position = -1;
    for (String section : sections) {
      int next = markdown.indexOf(section);
      assertThat(next).as(section).isGreaterThan(position);
      position = next;
    }
    assertThat(report.summary()).hasSizeBetween(3, 6);
    assertThat(markdown).contains(String.join(" ", report.summary()));
    for (Chart chart : report.charts()) {
      assertThat(out.resolve(chart.id().file())).exists();
      assertThat(ImageIO.read(out.resolve(chart.id().file()).toFile()).getWidth())
          .isEqualTo(Charts.WIDTH);
      assertThat(markdown).contains("](" + chart.id().file() + ")");
    }
  }

  @Test
  void everySevereIncidentOfTheMonthIsListedWithItsLead() throws Exception {
    List<String> severe = new ArrayList<>();
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT reference FROM incident_facts WHERE counted AND month = '"
                    + MONTH
                    + "' AND severity IN ('SEV1', 'SEV2')")) {
      while (result.next()) {
        severe.add(result.getString(1));
      }
    }
    Table incidents =
        report.tables().stream()
            .filter(t -> t.name().equals("incidents_this_month"))
            .findFirst()
            .orElseThrow();
    List<String> listed = incidents.rows().stream().map(row -> row.get(0).toString()).toList();
    assertThat(listed).containsAll(severe);
    assertThat(listed.size()).isLessThanOrEqualTo(severe.size() + MonthlyReport.OTHER_INCIDENTS);
    for (List<Object> row : incidents.rows()) {
      assertThat(row.get(6).toString()).as("lead of " + row.get(0)).doesNotContain("@");
    }
  }

  @Test
  void theSmallSampleCaveatIsOneLegend() throws Exception {
    String markdown = Files.readString(out.resolve("report.md"));
    assertThat(markdown).doesNotContain("small sample (n < 10)");
    assertThat(markdown.split("small sample: fewer than", -1)).hasSizeLessThanOrEqualTo(2);
    assertThat(markdown.split("No interval is printed where", -1)).hasSizeLessThanOrEqualTo(2);
    Table bySeverity =
        report.tables().stream()
            .filter(t -> t.name().equals("ttr_by_severity"))
            .findFirst()
            .orElseThrow();
    for (List<Object> row : bySeverity.rows()) {
      if ((Long) row.get(5) < 5 || (Long) row.get(6) < 5) {
        assertThat(row.get(4)).as("interval of " + row.get(0)).isNull();
      }
    }
  }

  @Test
  void aSeverityHasTheSameColourInEveryChartAndLegendsAreInSeverityOrder() {
    int severitySeries = 0;
    int phaseSeries = 0;
    for (Chart chart : report.charts()) {
      JFreeChart jfree = chart.chart();
      var data = jfree.getCategoryPlot().getDataset();
      List<String> severities = new ArrayList<>();
      for (int row = 0; row < data.getRowCount(); row++) {
        String key = data.getRowKey(row).toString();
        Paint paint = Charts.seriesPaint(jfree, key);
        if (key.matches("SEV[0-9]")) {
          assertThat(paint).as(chart.id() + " " + key).isEqualTo(Palette.severity(key));
          severities.add(key);
          severitySeries++;
        }
        for (Phase phase : Phase.values()) {
          if (key.equals(phase.label())) {
            assertThat(paint).as(chart.id() + " " + key).isEqualTo(Palette.phase(phase));
            phaseSeries++;
          }
        }
      }
      assertThat(severities).isSortedAccordingTo(Palette.SEVERITY_ORDER);
    }
    assertThat(severitySeries).isGreaterThanOrEqualTo(3);
    assertThat(phaseSeries).isEqualTo(Phase.values().length);
    List<java.awt.Color> severityColours = new ArrayList<>();
    for (String severity : List.of("SEV1", "SEV2", "SEV3", "SEV4")) {
      severityColours.add(Palette.severity(severity));
    }
    for (Phase phase : Phase.values()) {
      assertThat(severityColours).doesNotContain(Palette.phase(phase));
    }
  }

  @Test
  void countChartsHaveIntegerTicksAndAnAllZeroChartASaneAxis() {
    Chart zero =
        Charts.incidentsPerMonth(
            List.of(
                java.util.Map.entry(YearMonth.of(2026, 1), 0L),
                java.util.Map.entry(YearMonth.of(2026, 2), 0L)));
    var axis = (org.jfree.chart.axis.NumberAxis) zero.chart().getCategoryPlot().getRangeAxis();
    assertThat(axis.getLowerBound()).isEqualTo(0);
    assertThat(axis.getUpperBound()).isEqualTo(1);
    assertThat(zero.chart().getCategoryPlot().getDataset().getColumnCount()).isEqualTo(2);
    assertThat(zero.alt()).isEqualTo("Bars of counted incidents per month: 2026-01 0, 2026-02 0.");
    Chart services =
        report.charts().stream().filter(c -> c.id() == ChartId.SERVICES).findFirst().orElseThrow();
    var units =
        ((org.jfree.chart.axis.NumberAxis) services.chart().getCategoryPlot().getRangeAxis())
            .getStandardTickUnits();
    assertThat(units.getCeilingTickUnit(0.05).getSize()).isEqualTo(1);
  }

  @Test
  void theFilesAreReadableByOthers() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.getParent())))
        .isEqualTo("rwxr-xr-x");
    for (OutputFormat format : OutputFormat.values()) {
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(out.resolve(format.file()))))
          .as(format.file())
          .isEqualTo("rw-r--r--");
    }
  }

  @Test
  void thePdfRendersAndCarriesTheTitleAndTheSummary() throws Exception {
    Path pdf = out.resolve("report.pdf");
    // poppler-utils is a required test tool (.ci/run installs Debian's package).
    assertThat(Path.of("/usr/bin/pdftoppm"))
        .as("pdftoppm (apt-get install poppler-utils)")
        .isExecutable();
    Path page = directory.resolve("page");
    Process render =
        new ProcessBuilder(
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                pdf.toString(),
                page.toString())
            .redirectErrorStream(true)
            .start();
    String renderLog = new String(render.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(render.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(render.exitValue()).as(renderLog).isZero();
    var image = ImageIO.read(directory.resolve("page.png").toFile());
    assertThat(image.getWidth()).isGreaterThan(300);
    Process text =
        new ProcessBuilder("pdftotext", "-layout", pdf.toString(), "-")
            .redirectErrorStream(true)
            .start();
    String extracted = new String(text.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(text.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String flat = extracted.replaceAll("\\s+", " ");
    assertThat(flat).contains(report.title());
    assertThat(flat).contains("Executive summary");
    String first = XlsxRenderer.plain(report.summary().get(0));
    assertThat(flat).contains(first.substring(0, Math.min(60, first.length())));
    assertThat(flat).contains(XlsxRenderer.plain(report.summary().get(1)).substring(0, 30));
  }

  @Test
  void aReRunGivesIdenticalMarkdownApartFromTheGenerationTime() throws Exception {
    Report again = build(Instant.parse("2026-07-03T09:30:00Z"), Optional.empty());
    assertThat(MarkdownRenderer.render(again).replace("2026-07-03T09:30:00Z", "GENERATED"))
        .isEqualTo(MarkdownRenderer.render(report).replace("2026-07-02T08:00:00Z", "GENERATED"));
    Path second = directory.resolve("reports-rerun");
    ReportWriter.write(again, second, EnumSet.of(OutputFormat.MD));
    ReportWriter.write(again, second, EnumSet.of(OutputFormat.MD));
    assertThat(
            Files.list(second.getParent())
                .filter(p -> p.getFileName().toString().startsWith(".reports-rerun"))
                .toList())
        .isEmpty();
  }

  @Test
  void theAsOfDecidesWhatIsOverdueAndOpen() throws Exception {
    Report early = build(AS_OF, Optional.of(Instant.parse("2026-05-01T00:00:00Z")));
    Report late = build(AS_OF, Optional.of(Instant.parse("2027-01-01T00:00:00Z")));
    long earlyItems = rows(early, "overdue_action_items");
    long lateItems = rows(late, "overdue_action_items");
    assertThat(lateItems).isGreaterThan(earlyItems);
    assertThat(rows(late, "open")).isLessThanOrEqualTo(rows(report, "open"));
    assertThat(MarkdownRenderer.render(late)).contains("As of: 2027-01-01T00:00:00Z (--as-of)");
  }

  static long rows(Report report, String table) {
    return report.tables().stream()
        .filter(t -> t.name().equals(table))
        .findFirst()
        .orElseThrow()
        .rows()
        .size();
  }

  @Test
  void theQuarterlyReportCoversTheQuarterAgainstThePreviousOne() throws Exception {
    QuarterlyReport.Quarter quarter = QuarterlyReport.Quarter.parse("2026-Q2");
    Report quarterly;
    try (Connection connection = LakeViews.open(lake)) {
      quarterly =
          new QuarterlyReport(
                  connection,
                  Config.defaults(),
                  quarter,
                  new MonthlyReport.Options(AS_OF, Optional.empty(), out, directory))
              .build();
    }
    List<Double> values = new ArrayList<>();
    long severe = 0;
    for (YearMonth month = quarter.first();
        !month.isAfter(quarter.last());
        month = month.plusMonths(1)) {
      for (double value : counted("time_to_resolve_s", month)) {
        values.add(value);
      }
    }
    try (Connection connection = LakeViews.open(lake);
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT count(*) FILTER (WHERE severity IN ('SEV1', 'SEV2')), count(*) FROM incident_facts"
                    + " WHERE counted AND month BETWEEN '2026-04' AND '2026-06'")) {
      result.next();
      severe = result.getLong(1);
      assertThat(quarterly.summary().get(0))
          .startsWith("2026-Q2 had " + result.getLong(2) + " counted incidents");
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    String markdown = MarkdownRenderer.render(quarterly);
    assertThat(markdown)
        .startsWith("# Quarterly incident report: 2026-Q2")
        .contains("| p50 time to resolve | " + Format.duration(median(sorted)) + " |");
    assertThat(rows(quarterly, "quarter_months")).isEqualTo(3);
    assertThat(rows(quarterly, "quarter_incidents")).isEqualTo(severe);
    assertThat(quarterly.summary()).hasSizeBetween(3, 6);
    Path written = directory.resolve("quarterly");
    ReportWriter.write(quarterly, written, EnumSet.allOf(OutputFormat.class));
    assertThat(written.resolve("report.pdf")).exists();
    assertThat(QuarterlyReport.Quarter.parse("2026-Q4").first()).isEqualTo(YearMonth.of(2026, 10));
    assertThatThrownBy(() -> QuarterlyReport.Quarter.parse("2026-Q5"))
        .hasMessage("Invalid quarter '2026-Q5' (expected YYYY-Qn, such as 2026-Q4)");
  }

  @Test
  void anEmptyMonthIsAnErrorASchedulerCanAlertOn() throws Exception {
    try (Connection connection = LakeViews.open(lake)) {
      assertThatThrownBy(
              () ->
                  new MonthlyReport(
                          connection,
                          Config.defaults(),
                          YearMonth.of(2020, 1),
                          new MonthlyReport.Options(AS_OF, Optional.empty(), out, directory))
                      .build())
          .isInstanceOf(MonthlyReport.EmptyWindowException.class)
          .hasMessageStartingWith("No incidents or alerts in 2020-01");
    }
  }

  @Test
  void theHtmlIsSelfContainedAndRendersInHeadlessChromium() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html)
        .contains("data:image/png;base64,")
        .doesNotContain("src=\"phases.png\"")
        .contains("<table>");
    Path chromium = Path.of("/usr/bin/chromium");
    // Chromium is a required test tool (.ci/run installs Debian's package): no skip when it is
    // missing.
    assertThat(chromium).as("chromium (apt-get install chromium)").isExecutable();
    Path profile = Files.createTempDirectory(directory, "chromium-profile");
    Path screenshot = directory.resolve("report.png");
    List<String> common =
        List.of(
            chromium.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--user-data-dir=" + profile,
            "--window-size=1200,2400");
    List<String> shoot = new ArrayList<>(common);
    shoot.add("--screenshot=" + screenshot);
    shoot.add(out.resolve("report.html").toUri().toString());
    Process process =
        new ProcessBuilder(shoot)
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("chromium.log").toFile())
            .start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    var image = ImageIO.read(screenshot.toFile());
    assertThat(image).as(Files.readString(directory.resolve("chromium.log"))).isNotNull();
    java.util.Set<Integer> colours = new java.util.HashSet<>();
    for (int x = 0; x < image.getWidth(); x += 7) {
      for (int y = 0; y < image.getHeight(); y += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
    List<String> dump = new ArrayList<>(common);
    dump.add("--virtual-time-budget=5000");
    dump.add("--dump-dom");
    dump.add(out.resolve("report.html").toUri().toString());
    Process dom =
        new ProcessBuilder(dump)
            .redirectError(directory.resolve("chromium-dom.log").toFile())
            .start();
    String text =
        new String(dom.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(dom.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(text)
        .contains("data-images=\"" + report.charts().size() + "/" + report.charts().size() + "\"");
  }
}
