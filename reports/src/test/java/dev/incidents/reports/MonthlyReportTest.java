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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
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
    report = build(Instant.parse("2026-07-02T08:00:00Z"));
    out = directory.resolve("reports").resolve(MONTH.toString());
    ReportWriter.write(report, out, Set.of("md", "html", "xlsx"));
  }

  static Report build(Instant generatedAt) throws Exception {
    try (Connection connection = LakeViews.open(lake)) {
      return new ReportBuilder(connection, Config.defaults(), MONTH, generatedAt).build();
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
  void headlineFiguresInTheMarkdownAndTheWorkbookMatchTheFacts() throws Exception {
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
    try (InputStream stream = Files.newInputStream(out.resolve("report.xlsx"));
        XSSFWorkbook workbook = new XSSFWorkbook(stream)) {
      Sheet headline = workbook.getSheet("headline");
      assertThat(headline.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Figure");
      assertThat(headline.getRow(1).getCell(0).getStringCellValue())
          .isEqualTo("p50 time to resolve");
      assertThat(headline.getRow(1).getCell(1).getNumericCellValue())
          .isCloseTo(p50 / 60, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(headline.getRow(1).getCell(5).getNumericCellValue()).isEqualTo(now.length);
      assertThat(headline.getPaneInformation().isFreezePane()).isTrue();
      for (String sheet :
          List.of(
              "headline",
              "noisy_rules",
              "responder_load",
              "overdue_postmortems",
              "overdue_action_items",
              "data_quality")) {
        assertThat(workbook.getSheet(sheet)).as(sheet).isNotNull();
      }
    }
  }

  @Test
  void everySectionOfTheReportContentsIsThereInOrder() throws Exception {
    String markdown = report.markdown();
    List<String> sections =
        List.of(
            "## Headline",
            "### What drove the change",
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
    assertThat(markdown)
        .contains(
            "version `"
                + report.markdown().replaceAll("(?s).*version `([0-9a-f]{12})`.*", "$1")
                + "`");
    for (String chart :
        List.of("ttr_trend", "phases", "services", "severity_mix", "noisy_rules", "postmortems")) {
      assertThat(out.resolve(chart + ".png")).exists();
      assertThat(ImageIO.read(out.resolve(chart + ".png").toFile()).getWidth())
          .isEqualTo(ReportWriter.WIDTH);
    }
  }

  @Test
  void aReRunGivesIdenticalMarkdownApartFromTheGenerationTime() throws Exception {
    Report again = build(Instant.parse("2026-07-03T09:30:00Z"));
    assertThat(again.markdown().replace("2026-07-03T09:30:00Z", "GENERATED"))
        .isEqualTo(report.markdown().replace("2026-07-02T08:00:00Z", "GENERATED"));
    Path second = directory.resolve("reports-rerun");
    ReportWriter.write(again, second, Set.of("md"));
    ReportWriter.write(again, second, Set.of("md"));
    assertThat(
            Files.list(second.getParent())
                .filter(p -> p.getFileName().toString().startsWith(".reports-rerun"))
                .toList())
        .isEmpty();
  }

  @Test
  void smallSamplesAreLabelledAndIntervalsReproduce() {
    // Severity rows have few incidents a month: each carries the small-sample label.
    assertThat(report.markdown()).contains("small sample (n < 10)");
    Table first =
        report.tables().stream().filter(t -> t.name().equals("headline")).findFirst().orElseThrow();
    Table second;
    try {
      second =
          build(AS_OF).tables().stream()
              .filter(t -> t.name().equals("headline"))
              .findFirst()
              .orElseThrow();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(second.rows().toString()).isEqualTo(first.rows().toString());
  }

  @Test
  void anEmptyMonthIsAnErrorASchedulerCanAlertOn() throws Exception {
    try (Connection connection = LakeViews.open(lake)) {
      assertThatThrownBy(
              () ->
                  new ReportBuilder(connection, Config.defaults(), YearMonth.of(2020, 1), AS_OF)
                      .build())
          .isInstanceOf(ReportBuilder.EmptyWindowException.class)
          .hasMessageStartingWith("No incidents or alerts in 2020-01");
    }
  }

  @Test
  void theHtmlIsSelfContainedAndRendersInHeadlessChromium() throws Exception {
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html)
        .contains("data:image/png;base64,")
        .doesNotContain("src=\"ttr_trend.png\"")
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
    assertThat(text).contains("data-images=\"6/6\"");
  }
}
